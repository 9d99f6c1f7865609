import { ApiProblem } from "@reptidex/api-client";
import { Button, buttonClass, Card, PageHeader, Skeleton } from "@reptidex/ui";
import { MailCheck } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { useAuth } from "../../auth/AuthProvider";
import { FormProblem } from "../../auth/AuthLayout";
import { RetryError } from "../../components/RetryError";
import { explain, type Explanation } from "../../lib/problems";
import { notifySuccess } from "../../lib/notify";
import { ROLE_LABEL, type Role } from "../../lib/roles";
import { EmailNotVerifiedNotice, isEmailNotVerified } from "./EmailNotVerifiedNotice";
import { useAnswerInvitation, useInvitation, type Invitation } from "./vivariumQueries";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" });
/**
 * Where the invitation email leads: the signed-in invitee accepts or declines. Signed-out
 * visitors never see it: the app sends them to sign in (or sign up) and back here.
 */
export default function InvitationPage() {
  const { token = "" } = useParams();
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const found = useInvitation(token);
  const answer = useAnswerInvitation();
  const [problem, setProblem] = useState<Explanation | null>(null);
  const [unverified, setUnverified] = useState(false);
  const [declined, setDeclined] = useState(false);
  // Kept once answered: the invitation is read again and is no longer open while the page moves on.
  const [answered, setAnswered] = useState<Invitation | null>(null);
  const open = found.data && found.data.status === "pending" && new Date(found.data.expires_at) > new Date() ? found.data : null;
  const invitation = answered ?? open;
  // Someone else's invitation (or none) answers 404: the page says it is not open for this account.
  const notFound = found.error instanceof ApiProblem && found.error.status === 404;

  async function respond(accept: boolean) {
    if (!invitation) return;
    setProblem(null);
    setUnverified(false);
    setAnswered(invitation);
    try {
      await answer.mutateAsync({ invitation: { token }, accept });
      if (accept) {
        notifySuccess(`Welcome to ${invitation.vivarium_name}. You are now working in it.`);
        navigate("/animals", { replace: true });
      } else {
        setDeclined(true);
      }
    } catch (error) {
      if (isEmailNotVerified(error)) setUnverified(true);
      else setProblem(explain(error));
    }
  }

  async function switchAccount() {
    await signOut();
    navigate(`/login?next=${encodeURIComponent(`/invitations/${token}`)}`, { replace: true });
  }

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4">
      <PageHeader title="Invitation" />
      {found.error && !notFound ? (
        <RetryError error={found.error} onRetry={() => found.refetch()} />
      ) : found.isPending ? (
        <Card>
          <div aria-busy="true" aria-label="Loading the invitation" className="flex flex-col gap-2">
            <Skeleton className="h-7 w-3/4" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="mt-2 h-11 w-40" />
          </div>
        </Card>
      ) : declined ? (
        <Card className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Invitation declined</h2>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            {invitation?.vivarium_name ?? "The vivarium"} has been told. If you change your mind, ask them to invite you
            again.
          </p>
          <Link to="/today" className={buttonClass({ variant: "secondary" })}>
            Go to Today
          </Link>
        </Card>
      ) : invitation ? (
        <Card className="flex flex-col gap-4">
          <div className="flex items-start gap-3">
            <MailCheck aria-hidden="true" className="mt-1 shrink-0 text-teal-700 dark:text-teal-300" size={28} />
            <div className="min-w-0">
              <h2 className="text-xl font-semibold break-words">Join {invitation.vivarium_name}</h2>
              <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">
                You are invited as <strong>{ROLE_LABEL[invitation.role as Role].toLowerCase()}</strong>.
              </p>
              <p className="text-xs text-stone-600 dark:text-stone-400">
                For {me?.email} · valid until {DATE.format(new Date(invitation.expires_at))}
              </p>
            </div>
          </div>
          <FormProblem summary={problem} />
          {unverified || me?.email_verified === false ? <EmailNotVerifiedNotice /> : null}
          <div className="flex flex-wrap gap-2">
            <Button busy={answer.isPending && answer.variables?.accept} disabled={answer.isPending} onClick={() => void respond(true)}>
              Accept and join
            </Button>
            <Button variant="secondary" busy={answer.isPending && !answer.variables?.accept} disabled={answer.isPending} onClick={() => void respond(false)}>
              Decline
            </Button>
          </div>
        </Card>
      ) : (
        <Card className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">This invitation is not open for {me?.email}</h2>
          <p className="text-sm text-stone-700 dark:text-stone-300">
            It may have been sent to another email address, already been accepted or declined, revoked, or it has
            expired (invitations last 7 days).
          </p>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            If it was sent to another address, sign in with that account. Otherwise ask the vivarium to invite you again.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void switchAccount()}>
              Sign in with another account
            </Button>
            <Link to="/vivarium" className={buttonClass({ variant: "secondary" })}>
              My vivariums
            </Link>
          </div>
        </Card>
      )}
    </div>
  );
}
