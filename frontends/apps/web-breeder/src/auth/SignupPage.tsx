import { Button, TextField } from "@reptidex/ui";
import { Link, useNavigate, useSearchParams } from "react-router";

import { useFormSubmit } from "../lib/useFormSubmit";
import { AuthLayout, FormProblem } from "./AuthLayout";
import { useAuth } from "./AuthProvider";
import { safeNext } from "./LoginPage";
import { NewPasswordField } from "./NewPasswordField";

export default function SignupPage() {
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { busy, form, onSubmit } = useFormSubmit(async (data) => {
    await signUp(String(data.get("display_name")), String(data.get("email")), String(data.get("password")));
    navigate(safeNext(params.get("next")), { replace: true });
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Free for your first animals. Your records stay yours: export them any time."
      footer={
        <>
          Already have an account? <Link className="font-medium text-teal-800 underline dark:text-teal-300" to={`/login${window.location.search}`}>Sign in</Link>
        </>
      }
    >
      <FormProblem summary={form.summary} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField label="Your name or business" name="display_name" required maxLength={100} autoComplete="name" error={form.fields.display_name} />
        <TextField label="Email" name="email" type="email" required autoComplete="email" error={form.fields.email} />
        <NewPasswordField label="Password" name="password" error={form.fields.password} />
        <Button type="submit" busy={busy}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
