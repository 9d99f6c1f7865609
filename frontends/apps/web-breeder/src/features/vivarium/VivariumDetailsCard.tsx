import { Badge, Button, Card, CheckboxField, ErrorState, SelectField, Skeleton, TextAreaField, TextField } from "@reptidex/ui";
import { Pencil } from "lucide-react";
import { useState } from "react";

import { FormProblem } from "../../auth/AuthLayout";
import { FormActions } from "../../components/FormActions";
import { explain } from "../../lib/problems";
import { notifySuccess } from "../../lib/notify";
import { timeZoneChoices } from "../../lib/timeZone";
import { useFormSubmit } from "../../lib/useFormSubmit";
import { useSpecies } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { useUpdateVivarium, useVivariumDetails, type VivariumDetails, type VivariumUpdate, vivariumProfile } from "./vivariumQueries";

/** Name, description, location and the public flag; curators edit them, owners also the settings. */
export function VivariumDetailsCard({ vivariumId }: { vivariumId: string }) {
  const details = useVivariumDetails(vivariumId);
  const mayEdit = useCan("curate");
  const [editing, setEditing] = useState(false);

  if (details.error) return <ErrorState {...explain(details.error)} />;
  if (!details.data) {
    return (
      <Card>
        <div aria-busy="true" aria-label="Loading the vivarium" className="flex flex-col gap-2">
          <Skeleton className="h-7 w-56" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      </Card>
    );
  }
  const vivarium = details.data;
  return (
    <Card className="flex flex-col gap-3">
      {editing ? (
        <DetailsForm vivarium={vivarium} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <h2 className="text-lg font-semibold break-words">{vivarium.name}</h2>
              <div className="mt-1 flex flex-wrap gap-1">
                <Badge tone={vivarium.is_public ? "teal" : "neutral"}>{vivarium.is_public ? "Public profile" : "Private"}</Badge>
                {vivarium.is_personal ? <Badge>Personal vivarium</Badge> : null}
                {vivarium.plan_code ? <Badge tone="violet">Plan: {vivarium.plan_code}</Badge> : null}
              </div>
            </div>
            {mayEdit ? (
              <Button variant="secondary" size="sm" icon={<Pencil aria-hidden="true" size={16} />} onClick={() => setEditing(true)}>
                Edit details
              </Button>
            ) : null}
          </div>
          <p className="text-sm whitespace-pre-line text-stone-700 dark:text-stone-300">
            {vivarium.description || <span className="text-stone-500 dark:text-stone-400">No description yet.</span>}
          </p>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-stone-600 dark:text-stone-400">Location</dt>
            <dd>{vivarium.location || "—"}</dd>
            <dt className="text-stone-600 dark:text-stone-400">Web address</dt>
            <dd className="font-mono break-all">{vivarium.slug}</dd>
            <dt className="text-stone-600 dark:text-stone-400">Animal IDs</dt>
            <dd className="font-mono">{String(vivarium.settings.animal_id_template ?? "{SPECIES}-{SEQ:03}")}</dd>
            <dt className="text-stone-600 dark:text-stone-400">Time zone</dt>
            <dd>{vivarium.time_zone}</dd>
          </dl>
        </>
      )}
    </Card>
  );
}

function DetailsForm({ vivarium, onDone }: { vivarium: VivariumDetails; onDone: () => void }) {
  const update = useUpdateVivarium(vivarium.id);
  const isOwner = useCan("own");
  const species = useSpecies();
  const { form, onSubmit } = useFormSubmit(async (data) => {
    const body: VivariumUpdate = vivariumProfile(data);
    // Settings are the owner's; a curator's form does not send them at all.
    if (isOwner) {
      body.settings = {
        animal_id_template: String(data.get("animal_id_template")).trim(),
        default_species_id: String(data.get("default_species_id")) || null,
      };
      body.time_zone = String(data.get("time_zone"));
    }
    await update.mutateAsync(body);
    notifySuccess("Vivarium details saved.");
    onDone();
  });
  const settings = vivarium.settings as { animal_id_template?: string; default_species_id?: string | null };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Vivarium details">
      <h2 className="text-lg font-semibold">Edit vivarium details</h2>
      <FormProblem summary={form.summary} />
      <TextField label="Name" name="name" defaultValue={vivarium.name} required maxLength={120} error={form.fields.name} />
      <TextAreaField
        label="Description"
        name="description"
        defaultValue={vivarium.description ?? ""}
        maxLength={5000}
        hint="What you keep and breed; shown on your public profile if it is public."
        error={form.fields.description}
      />
      <TextField label="Location" name="location" defaultValue={vivarium.location ?? ""} maxLength={200} error={form.fields.location} />
      <CheckboxField
        name="is_public"
        defaultChecked={vivarium.is_public}
        label="Public profile"
        hint="Others can find the vivarium and see the animals you mark public. Private animals stay private."
      />
      {isOwner ? (
        <fieldset className="flex flex-col gap-4 rounded-xl border border-stone-200 p-3 dark:border-stone-800">
          <legend className="px-1 text-sm font-semibold">Settings (owners only)</legend>
          <TextField
            label="Animal ID template"
            name="animal_id_template"
            defaultValue={settings.animal_id_template ?? "{SPECIES}-{SEQ:03}"}
            required
            maxLength={60}
            className="font-mono"
            hint="{SPECIES} is the species code, {SEQ:03} a number padded to 3 digits: BP-001."
            error={form.fields.animal_id_template}
          />
          <SelectField
            // Mounted again once the catalogue arrives, so the saved choice is selected.
            key={species.data ? "loaded" : "loading"}
            label="Default species"
            name="default_species_id" defaultValue={settings.default_species_id ?? ""} error={form.fields.default_species_id}>
            <option value="">None</option>
            {(species.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.common_name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Time zone"
            name="time_zone"
            defaultValue={vivarium.time_zone}
            hint="Decides what today means for the whole vivarium: hatch dates, what is due, reminders."
            error={form.fields.time_zone}
          >
            {timeZoneChoices(vivarium.time_zone).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </fieldset>
      ) : null}
      <FormActions submitLabel="Save details" busy={update.isPending} onCancel={onDone} />
    </form>
  );
}
