import { Button, Card, TextField } from "@reptidex/ui";
import { useState, type FormEvent } from "react";

import { FormProblem } from "../../auth/AuthLayout";
import { explain } from "../../lib/problems";
import { notifySuccess } from "../../lib/notify";
import { passwordFieldErrors, useChangePassword } from "./accountQueries";
import { NewPasswordField } from "../../auth/NewPasswordField";

/** Change the password; other devices are signed out, this one stays signed in. */
export function PasswordCard() {
  const change = useChangePassword();
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();
  const fields = passwordFieldErrors(error);
  // Field problems sit under their fields; anything else is summed up above the form.
  const summary = error && !Object.keys(fields).length ? explain(error) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const data = new FormData(target);
    const next = String(data.get("new_password"));
    setError(null);
    setMismatch(next === data.get("confirm_password") ? undefined : "The two new passwords are not the same.");
    if (next !== data.get("confirm_password")) return;
    try {
      await change.mutateAsync({ current_password: String(data.get("current_password")), new_password: next });
      target.reset();
      notifySuccess("Password changed. Your other devices have been signed out.");
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <Card>
      <form onSubmit={submit} aria-label="Change password" className="flex flex-col gap-4">
        <div>
          <h2 className="text-lg font-semibold">Password</h2>
          <p className="text-sm text-stone-600 dark:text-stone-400">Changing it signs you out on every other device.</p>
        </div>
        <FormProblem summary={summary} />
        <TextField label="Current password" name="current_password" type="password" required autoComplete="current-password" error={fields.current_password} />
        <NewPasswordField error={fields.new_password} />
        <TextField label="Repeat the new password" name="confirm_password" type="password" required autoComplete="new-password" error={mismatch} />
        <div>
          <Button type="submit" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
