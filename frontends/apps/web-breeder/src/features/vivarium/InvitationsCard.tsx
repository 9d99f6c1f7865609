import { Badge, Button, Card, ErrorState, SelectField, Skeleton, TextField } from "@reptidex/ui";
import { MailPlus } from "lucide-react";
import { useState } from "react";

import { FormProblem } from "../../auth/AuthLayout";
import { explain } from "../../lib/problems";
import { notifyError, notifySuccess } from "../../lib/notify";
import { useFormSubmit } from "../../lib/useFormSubmit";
import { invitableRoles, ROLE_LABEL, type Role } from "../../lib/roles";
import { ConfirmDialog } from "./ConfirmDialog";
import { explainMemberProblem, ROLE_NAME } from "./memberRules";
import { useInvite, useRevokeInvitation, useVivariumInvitations, type Invitation } from "./vivariumQueries";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Invite by email with a role the inviter may give, and the invitations still open. */
export function InvitationsCard({ vivariumId, vivariumName, role }: { vivariumId: string; vivariumName: string; role: Role | null }) {
  const roles = invitableRoles(role);
  const invitations = useVivariumInvitations(vivariumId, roles.length > 0);
  const invite = useInvite(vivariumId);
  const [email, setEmail] = useState("");
  const [newRole, setNewRole] = useState<Role>("keeper");
  const { form, onSubmit } = useFormSubmit(async () => {
    const sent = await invite.mutateAsync({ email: email.trim(), role: newRole });
    notifySuccess(`Invitation sent to ${sent.email}. The link is valid for 7 days.`);
    setEmail("");
  });

  return (
    <Card className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Invite someone</h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          They get an email with a link to join {vivariumName}; without an account they create one first.
        </p>
      </div>
      <FormProblem summary={form.error && !form.fields.email ? explainMemberProblem(form.error) : null} />
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" aria-label="Invite a member">
        <TextField
          label="Email"
          name="invite-email"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={form.fields.email}
        />
        <SelectField
          label="Role"
          name="invite-role"
          value={newRole}
          onChange={(event) => setNewRole(event.target.value as Role)}
          hint={ROLE_LABEL[newRole]}
        >
          {roles.map((choice) => (
            <option key={choice} value={choice}>
              {ROLE_NAME[choice]}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <Button type="submit" busy={invite.isPending} icon={<MailPlus aria-hidden="true" size={16} />}>
            Send invitation
          </Button>
        </div>
      </form>
      {role === "curator" ? (
        <p className="text-xs text-stone-600 dark:text-stone-400">
          As a curator you can invite keepers and handlers; a herpetologist (owner) invites curators and owners.
        </p>
      ) : null}

      <section aria-labelledby="pending-invitations" className="flex flex-col gap-2">
        <h3 id="pending-invitations" className="font-semibold">
          Pending invitations
        </h3>
        {invitations.error ? (
          <ErrorState {...explain(invitations.error)} />
        ) : !invitations.data ? (
          <div aria-busy="true" aria-label="Loading invitations">
            <Skeleton className="h-12 w-full" />
          </div>
        ) : invitations.data.length ? (
          <ul aria-label="Pending invitations" className="divide-y divide-stone-200 dark:divide-stone-800">
            {invitations.data.map((invitation) => (
              <PendingInvitation
                key={invitation.id}
                vivariumId={vivariumId}
                invitation={invitation}
                mayRevoke={roles.includes(invitation.role as Role)}
              />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600 dark:text-stone-400">
            None. Invitations not yet accepted are listed here until they expire.
          </p>
        )}
      </section>
    </Card>
  );
}

function PendingInvitation({ vivariumId, invitation, mayRevoke }: { vivariumId: string; invitation: Invitation; mayRevoke: boolean }) {
  const revoke = useRevokeInvitation(vivariumId);
  const [confirming, setConfirming] = useState(false);

  async function confirm() {
    try {
      await revoke.mutateAsync(invitation.id);
      notifySuccess(`Invitation to ${invitation.email} revoked.`);
    } catch (error) {
      notifyError(error);
    } finally {
      setConfirming(false);
    }
  }

  return (
    <li aria-label={invitation.email} className="flex flex-wrap items-center justify-between gap-2 py-2">
      <div className="min-w-0">
        <p className="font-medium break-all">{invitation.email}</p>
        <p className="text-xs text-stone-600 dark:text-stone-400">Expires {DATE.format(new Date(invitation.expires_at))}</p>
      </div>
      <div className="flex items-center gap-2">
        <Badge>{ROLE_NAME[invitation.role as Role]}</Badge>
        {mayRevoke ? (
          <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke the invitation to ${invitation.email}`}>
            Revoke
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        danger
        busy={revoke.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        The link sent to {invitation.email} will stop working. You can invite them again later.
      </ConfirmDialog>
    </li>
  );
}
