import { Button } from "@reptidex/ui";
import { BellRing } from "lucide-react";
import type { ReactNode } from "react";

import { notifyError, notifySuccess } from "../../../lib/notify";
import { formatDateTime } from "../../breeding/dates";
import type { useAcknowledge } from "../queries";

/**
 * One reminder that came due and waits for someone to say it is done: its title, when, for whom
 * (`who`, set after the date), and the Done button when `acknowledge` is given.
 */
export function DueNotificationItem({
  notification,
  who,
  acknowledge,
}: {
  notification: { id: string; title: string; due_at: string };
  who: ReactNode;
  acknowledge: ReturnType<typeof useAcknowledge> | undefined;
}) {
  async function done(mutation: ReturnType<typeof useAcknowledge>) {
    try {
      await mutation.mutateAsync(notification.id);
      notifySuccess(`Done: ${notification.title}`);
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <li className="flex min-h-16 items-center gap-3 px-4 py-3">
      <BellRing aria-hidden="true" size={20} className="shrink-0 text-amber-700 dark:text-amber-400" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{notification.title}</p>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Due {formatDateTime(notification.due_at)}
          {who}
        </p>
      </div>
      {acknowledge ? (
        <Button
          size="sm"
          variant="secondary"
          busy={acknowledge.isPending && acknowledge.variables === notification.id}
          onClick={() => void done(acknowledge)}
          aria-label={`Done: ${notification.title}`}
        >
          Done
        </Button>
      ) : null}
    </li>
  );
}
