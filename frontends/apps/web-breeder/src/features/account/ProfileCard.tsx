import { Button, Card, CheckboxField, TextAreaField, TextField } from "@reptidex/ui";

import type { Me } from "../../auth/AuthProvider";
import { FormProblem } from "../../auth/AuthLayout";
import { notifySuccess } from "../../lib/notify";
import { useFormSubmit } from "../../lib/useFormSubmit";
import { useUpdateProfile } from "./accountQueries";

function flag(settings: Record<string, unknown> | undefined, key: string, fallback: boolean): boolean {
  const value = settings?.[key];
  return typeof value === "boolean" ? value : fallback;
}

/** How other breeders see you, and what they may do. */
export function ProfileCard({ me }: { me: Me }) {
  const update = useUpdateProfile();
  const { form, onSubmit } = useFormSubmit(async (data) => {
    const on = (name: string) => data.get(name) === "on";
    await update.mutateAsync({
      display_name: String(data.get("display_name")).trim(),
      bio: String(data.get("bio")).trim() || null,
      location: String(data.get("location")).trim() || null,
      privacy_settings: { profile_public: on("profile_public"), show_location: on("show_location") },
      contact_preferences: {
        preferred_channel: (me.contact_preferences?.preferred_channel as "email" | "in_app" | undefined) ?? "email",
        allow_messages: on("allow_messages"),
        marketing_emails: on("marketing_emails"),
      },
    });
    notifySuccess("Profile saved.");
  });

  const toggles: [string, string, string, boolean][] = [
    ["profile_public", "Public profile", "Other breeders can open your profile.", flag(me.privacy_settings, "profile_public", true)],
    ["show_location", "Show my location", "Your public profile shows where you are.", flag(me.privacy_settings, "show_location", true)],
    ["allow_messages", "Messages from breeders", "Other breeders may message you.", flag(me.contact_preferences, "allow_messages", true)],
    ["marketing_emails", "News from ReptiDex", "Occasional emails about new features.", flag(me.contact_preferences, "marketing_emails", false)],
  ];

  return (
    <Card>
      <form onSubmit={onSubmit} aria-label="Profile" className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold">Profile</h2>
        <FormProblem summary={form.summary} />
        <TextField label="Display name" name="display_name" defaultValue={me.display_name} required maxLength={100} autoComplete="name" error={form.fields.display_name} />
        <TextAreaField label="Bio" name="bio" defaultValue={me.bio ?? ""} maxLength={2000} hint="What you keep and breed, in a few lines." error={form.fields.bio} />
        <TextField label="Location" name="location" defaultValue={me.location ?? ""} maxLength={200} autoComplete="address-level2" error={form.fields.location} />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold">Privacy and contact</legend>
          {toggles.map(([name, label, hint, checked]) => (
            <CheckboxField key={name} name={name} defaultChecked={checked} label={label} hint={hint} />
          ))}
        </fieldset>
        <div>
          <Button type="submit" busy={update.isPending}>
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}
