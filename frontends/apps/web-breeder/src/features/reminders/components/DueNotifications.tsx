import { Button, Card, ErrorState, Skeleton } from "@reptidex/ui";
import { BellRing } from "lucide-react";

import { notifyError, notifySuccess } from "../../../lib/notify";
import { explain } from "../../../lib/problems";
import { animalLabel, useAnimal } from "../../../queries/animals";
import { formatDateTime } from "../../breeding/dates";
import { useAcknowledge, useDueNotifications, type DueNotification } from "../queries";

function Who({ animalId }: { animalId: string | null }) {
  const animal = useAnimal(animalId ?? undefined).data;
  if (!animalId) return null;
  return <> · {animal ? animalLabel(animal) : "an animal"}</>;
}

/** Reminders that came due and wait for someone to say they are done. */
export function DueNotifications({ vivariumId, canAcknowledge }: { vivariumId: string; canAcknowledge: boolean }) {
  const due = useDueNotifications(vivariumId);
  const acknowledge = useAcknowledge(vivariumId);

  async function done(notification: DueNotification) {
    try {
      await acknowledge.mutateAsync(notification.id);
      notifySuccess(`Done: ${notification.title}`);
    } catch (error) {
      notifyError(error);
    }
  }

  if (due.error) return <ErrorState {...explain(due.error)} />;
  if (!due.data) {
    return (
      <div aria-busy="true" aria-label="Loading due reminders">
        <Skeleton className="h-16" />
      </div>
    );
  }
  const items = due.data.items;
  if (!items.length) {
    return <p className="text-sm text-stone-600 dark:text-stone-400">Nothing waiting: every reminder that came due has been done.</p>;
  }
  return (
    <Card className="p-0">
      <ul className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
        {items.map((notification) => (
          <li key={notification.id} className="flex min-h-16 items-center gap-3 px-4 py-3">
            <BellRing aria-hidden="true" size={20} className="shrink-0 text-amber-700 dark:text-amber-400" />
            <div className="min-w-0 flex-1">
              <p className="font-semibold">{notification.title}</p>
              <p className="text-sm text-stone-600 dark:text-stone-400">
                Due {formatDateTime(notification.due_at)}
                <Who animalId={notification.animal_id} />
              </p>
            </div>
            {canAcknowledge ? (
              <Button
                size="sm"
                variant="secondary"
                busy={acknowledge.isPending && acknowledge.variables === notification.id}
                onClick={() => void done(notification)}
                aria-label={`Done: ${notification.title}`}
              >
                Done
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
