import { Badge, Button, Card } from "@reptidex/ui";
import { useState } from "react";

import { notifyError, notifySuccess } from "../../lib/notify";
import type { Role } from "../../lib/roles";
import { ROLE_NAME } from "./memberRules";
import { EmailNotVerifiedNotice, isEmailNotVerified } from "./EmailNotVerifiedNotice";
import { useAnswerInvitation, useMyInvitations, type Invitation } from "./vivariumQueries";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Invitations waiting for the signed-in breeder; shown only when there is one. */
export function MyInvitationsCard() {
  const invitations = useMyInvitations();
  const items = invitations.data ?? [];
  if (!items.length) return null;
  return (
    <Card className="flex flex-col gap-3 border-teal-300 dark:border-teal-800">
      <h2 className="text-lg font-semibold">Invitations for you</h2>
      <ul aria-label="Invitations for you" className="divide-y divide-stone-200 dark:divide-stone-800">
        {items.map((invitation) => (
          <MyInvitationRow key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </Card>
  );
}

function MyInvitationRow({ invitation }: { invitation: Invitation }) {
  const answer = useAnswerInvitation();
  const [unverified, setUnverified] = useState(false);
  const role = ROLE_NAME[invitation.role as Role].toLowerCase();

  async function respond(accept: boolean) {
    try {
      await answer.mutateAsync({ invitation: { id: invitation.id }, accept });
      notifySuccess(accept ? `You joined ${invitation.vivarium_name} as ${role}.` : `Invitation to ${invitation.vivarium_name} declined.`);
    } catch (error) {
      if (isEmailNotVerified(error)) setUnverified(true);
      else notifyError(error);
    }
  }

  const busy = (accept: boolean) => answer.isPending && answer.variables?.accept === accept;
  return (
    <li aria-label={invitation.vivarium_name} className="flex flex-wrap items-center justify-between gap-2 py-2">
      <div className="min-w-0">
        <p className="font-medium">
          {invitation.vivarium_name} <Badge>{ROLE_NAME[invitation.role as Role]}</Badge>
        </p>
        <p className="text-xs text-stone-600 dark:text-stone-400">Expires {DATE.format(new Date(invitation.expires_at))}</p>
      </div>
      {unverified ? <EmailNotVerifiedNotice className="w-full" /> : null}
      <div className="flex gap-2">
        <Button size="sm" busy={busy(true)} disabled={answer.isPending} onClick={() => void respond(true)}>
          Accept
        </Button>
        <Button size="sm" variant="secondary" busy={busy(false)} disabled={answer.isPending} onClick={() => void respond(false)}>
          Decline
        </Button>
      </div>
    </li>
  );
}
