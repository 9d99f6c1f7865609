import { TextField } from "@reptidex/ui";

// The server's rule (reptidex_common.auth.passwords.MIN_LENGTH), checked here first so a short
// password is caught before the round trip.
export const MIN_PASSWORD_LENGTH = 10;

/** The field where a new password is chosen: sign-up, reset and change share one rule. */
export function NewPasswordField({
  label = "New password",
  name = "new_password",
  error,
}: {
  label?: string;
  name?: string;
  error?: string | undefined;
}) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      required
      minLength={MIN_PASSWORD_LENGTH}
      autoComplete="new-password"
      hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short phrase is easy to remember and hard to guess.`}
      error={error}
    />
  );
}
