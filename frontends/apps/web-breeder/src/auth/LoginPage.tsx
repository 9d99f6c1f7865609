import { Button, TextField } from "@reptidex/ui";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";

import { useFormSubmit } from "../lib/useFormSubmit";
import { AuthLayout, FormProblem } from "./AuthLayout";
import { useAuth } from "./AuthProvider";

/** Only paths inside this app: `?next=https://evil.example` must not redirect away. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function LoginPage() {
  const { signIn, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [needsOtp, setNeedsOtp] = useState(false);
  const { busy, form, onSubmit } = useFormSubmit(async (data) => {
    try {
      await signIn(String(data.get("email")), String(data.get("password")), String(data.get("otp") ?? ""));
    } catch (error) {
      const detail = error instanceof Error ? error.message.toLowerCase() : "";
      if (detail.includes("two-factor") || detail.includes("code")) setNeedsOtp(true);
      throw error;
    }
    navigate(next, { replace: true });
  });

  if (signedIn && !busy) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Your collection, lineage and breeding records."
      footer={
        <>
          New to ReptiDex? <Link className="font-medium text-teal-800 underline dark:text-teal-300" to={`/signup${window.location.search}`}>Create an account</Link>
        </>
      }
    >
      <FormProblem summary={form.summary} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate={false}>
        <TextField label="Email" name="email" type="email" autoComplete="username" required error={form.fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.fields.password}
        />
        {needsOtp ? (
          <TextField label="Two-factor code" name="otp" inputMode="numeric" autoComplete="one-time-code" />
        ) : null}
        <Button type="submit" busy={busy}>
          Sign in
        </Button>
        <Link to="/forgot-password" className="text-center text-sm text-teal-800 underline dark:text-teal-300">
          Forgot your password?
        </Link>
      </form>
    </AuthLayout>
  );
}
