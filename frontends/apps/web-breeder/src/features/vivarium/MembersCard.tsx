import { Badge, Button, Card, controlClass, ErrorState, Skeleton } from "@reptidex/ui";
import { LogOut, UserMinus } from "lucide-react";
import { useState } from "react";

import { useAuth } from "../../auth/AuthProvider";
import { FormProblem } from "../../auth/AuthLayout";
import type { Explanation } from "../../lib/problems";
import { explain } from "../../lib/problems";
import { notifySuccess } from "../../lib/notify";
import { ROLE_LABEL, type Role } from "../../lib/roles";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { ConfirmDialog } from "./ConfirmDialog";
import { explainMemberProblem, mayRemove, ROLE_NAME, roleChoices } from "./memberRules";
import { useChangeRole, useMembers, useRemoveMember, type Member } from "./vivariumQueries";

const JOINED = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Everyone in the vivarium with their role; changes offered only where the caller's role allows. */
export function MembersCard({ vivariumId, vivariumName }: { vivariumId: string; vivariumName: string }) {
  const members = useMembers(vivariumId);
  const { role } = useVivarium();
  const { me } = useAuth();

  return (
    <Card className="flex flex-col gap-3">
      <div>
        <h2 className="text-lg font-semibold">Members</h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Keepers view, handlers also edit records and log husbandry, curators also archive, transfer and invite,
          herpetologists own the vivarium.
        </p>
      </div>
      {members.error ? (
        <ErrorState {...explain(members.error)} />
      ) : !members.data ? (
        <div aria-busy="true" aria-label="Loading members" className="flex flex-col gap-2">
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
      ) : (
        <ul aria-label="Members" className="divide-y divide-stone-200 dark:divide-stone-800">
          {members.data.map((member) => (
            <MemberRow
              key={member.user_id}
              vivariumId={vivariumId}
              vivariumName={vivariumName}
              member={member}
              actor={role}
              isSelf={member.user_id === me?.id}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function MemberRow({
  vivariumId,
  vivariumName,
  member,
  actor,
  isSelf,
}: {
  vivariumId: string;
  vivariumName: string;
  member: Member;
  actor: Role | null;
  isSelf: boolean;
}) {
  const change = useChangeRole(vivariumId);
  const remove = useRemoveMember(vivariumId);
  const [problem, setProblem] = useState<Explanation | null>(null);
  const [confirming, setConfirming] = useState(false);
  const role = member.role as Role;
  const choices = roleChoices(actor, role);
  const removable = mayRemove(actor, role, isSelf);
  const name = isSelf ? `${member.display_name} (you)` : member.display_name;

  async function changeRole(next: Role) {
    setProblem(null);
    try {
      await change.mutateAsync({ userId: member.user_id, role: next });
      notifySuccess(`${member.display_name} is now ${ROLE_NAME[next].toLowerCase()}.`);
    } catch (error) {
      setProblem(explainMemberProblem(error));
    }
  }

  async function removeMember() {
    setProblem(null);
    try {
      await remove.mutateAsync({ userId: member.user_id, leaving: isSelf });
      notifySuccess(isSelf ? `You left ${vivariumName}.` : `${member.display_name} was removed from ${vivariumName}.`);
    } catch (error) {
      setProblem(explainMemberProblem(error));
    } finally {
      setConfirming(false);
    }
  }

  return (
    <li aria-label={name} className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words">{name}</p>
          <p className="text-sm break-all text-stone-600 dark:text-stone-400">{member.email}</p>
          <p className="text-xs text-stone-600 dark:text-stone-400">Joined {JOINED.format(new Date(member.joined_at))}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {choices.length > 1 ? (
            <div className="w-52 max-w-full">
              <select
                aria-label={`Role of ${member.display_name}`}
                title={ROLE_LABEL[role]}
                className={controlClass}
                value={role}
                disabled={change.isPending}
                onChange={(event) => void changeRole(event.target.value as Role)}
              >
                {choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {ROLE_NAME[choice]}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <Badge tone={role === "herpetologist" ? "violet" : role === "curator" ? "teal" : "neutral"} title={ROLE_LABEL[role]}>
              {ROLE_NAME[role]}
            </Badge>
          )}
          {removable ? (
            <Button
              variant="ghost"
              size="sm"
              icon={isSelf ? <LogOut aria-hidden="true" size={16} /> : <UserMinus aria-hidden="true" size={16} />}
              onClick={() => setConfirming(true)}
              aria-label={isSelf ? `Leave ${vivariumName}` : `Remove ${member.display_name}`}
            >
              {isSelf ? "Leave" : "Remove"}
            </Button>
          ) : null}
        </div>
      </div>
      {problem ? <FormProblem summary={problem} /> : null}
      <ConfirmDialog
        open={confirming}
        title={isSelf ? `Leave ${vivariumName}?` : `Remove ${member.display_name}?`}
        confirmLabel={isSelf ? "Leave vivarium" : "Remove member"}
        danger
        busy={remove.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void removeMember()}
      >
        {isSelf
          ? `You will no longer see ${vivariumName}'s animals. An owner or curator can invite you again.`
          : `${member.display_name} will no longer see ${vivariumName}'s animals. Their past log entries stay.`}
      </ConfirmDialog>
    </li>
  );
}
