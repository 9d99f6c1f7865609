import { Button, Dialog, TextField } from "@reptidex/ui";

import { useFormSubmit } from "../lib/useFormSubmit";
import { FormProblem } from "./AuthLayout";
import { useAuth } from "./AuthProvider";

/**
 * Shown over the page when the session could not be renewed. Signing in here keeps the page
 * (and whatever form was half filled) exactly as it was; the failed reads run again.
 */
export function SessionExpiredDialog() {
  const { expired, me, signIn, signOut } = useAuth();
  const { busy, form, onSubmit } = useFormSubmit(async (data) => {
    await signIn(String(data.get("email")), String(data.get("password")));
  });

  return (
    <Dialog
      open={expired}
      onClose={() => undefined}
      title="Your session has ended"
      description="Sign in again to carry on. This page, and anything you were typing, stays as it is."
    >
      <FormProblem summary={form.summary} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField label="Email" name="email" type="email" defaultValue={me?.email ?? ""} required autoComplete="username" />
        <TextField label="Password" name="password" type="password" required autoComplete="current-password" />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => void signOut()}>
            Sign out
          </Button>
          <Button type="submit" busy={busy}>
            Sign in and continue
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
