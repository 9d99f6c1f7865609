import { unwrap } from "@reptidex/api-client";
import { Button, TextField } from "@reptidex/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { api } from "../api";
import { notifySuccess } from "../lib/notify";
import { keys } from "../queries/keys";
import { useFormError } from "../lib/useFormError";
import { useFormSubmit } from "../lib/useFormSubmit";
import { AuthLayout, FormProblem } from "./AuthLayout";
import { NewPasswordField } from "./NewPasswordField";

export function ForgotPasswordPage() {
  const [sent, setSent] = useState<string | null>(null);
  const { busy, form, onSubmit } = useFormSubmit(async (data) => {
    const email = String(data.get("email"));
    const answer = await unwrap(api.core.POST("/api/v1/auth/password/forgot", { body: { email } }));
    setSent(answer.detail);
  });

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We'll email you a link that works once, for one hour."
      footer={<Link className="text-teal-800 underline dark:text-teal-300" to="/login">Back to sign in</Link>}
    >
      <FormProblem summary={form.summary} />
      {sent ? (
        <div role="status" className="flex flex-col gap-3">
          <p>{sent}</p>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            The email also holds a code: <Link className="underline" to="/reset-password">enter it here</Link>.
          </p>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <TextField label="Email" name="email" type="email" required autoComplete="email" error={form.fields.email} />
          <Button type="submit" busy={busy}>
            Email me a reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const linkToken = params.get("token") ?? "";
  const { busy, form, onSubmit } = useFormSubmit(async (data) => {
    await unwrap(
      api.core.POST("/api/v1/auth/password/reset", {
        body: { token: String(data.get("token")).trim(), new_password: String(data.get("new_password")) },
      }),
    );
    notifySuccess("Password changed. Sign in with your new password.");
    navigate("/login", { replace: true });
  });

  return (
    <AuthLayout title="Choose a new password" footer={<Link className="text-teal-800 underline dark:text-teal-300" to="/forgot-password">Ask for a new link</Link>}>
      <FormProblem summary={form.summary} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {linkToken ? (
          <input type="hidden" name="token" value={linkToken} />
        ) : (
          <TextField label="Code from the email" name="token" required autoComplete="one-time-code" error={form.fields.token} />
        )}
        <NewPasswordField error={form.fields.new_password} />
        <Button type="submit" busy={busy}>
          Save new password
        </Button>
      </form>
    </AuthLayout>
  );
}

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const form = useFormError();
  const queryClient = useQueryClient();

  async function confirm() {
    setState("busy");
    form.clear();
    try {
      await unwrap(api.core.POST("/api/v1/auth/verify-email/confirm", { body: { token: params.get("token") ?? "" } }));
      // A signed-in account shows itself verified at once (and may now answer invitations).
      await queryClient.invalidateQueries({ queryKey: keys.me });
      setState("done");
    } catch (error) {
      form.setError(error);
      setState("idle");
    }
  }

  return (
    <AuthLayout title="Confirm your email" footer={<Link className="text-teal-800 underline dark:text-teal-300" to="/">Open ReptiDex</Link>}>
      <FormProblem summary={form.summary} />
      {state === "done" ? (
        <p role="status">Thank you: your email address is confirmed.</p>
      ) : (
        <Button onClick={confirm} busy={state === "busy"} className="w-full">
          Confirm my email address
        </Button>
      )}
    </AuthLayout>
  );
}
