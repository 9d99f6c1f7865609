import { Card, ErrorState, Skeleton } from "@reptidex/ui";

import { explain } from "../../../lib/problems";
import { animalLabel, useAnimal } from "../../../queries/animals";
import { useAcknowledge, useDueNotifications } from "../queries";
import { DueNotificationItem } from "./DueNotificationItem";

function Who({ animalId }: { animalId: string | null }) {
  const animal = useAnimal(animalId ?? undefined).data;
  if (!animalId) return null;
  return <> · {animal ? animalLabel(animal) : "an animal"}</>;
}

/** Reminders that came due and wait for someone to say they are done. */
export function DueNotifications({ vivariumId, canAcknowledge }: { vivariumId: string; canAcknowledge: boolean }) {
  const due = useDueNotifications(vivariumId);
  const acknowledge = useAcknowledge(vivariumId);

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
          <DueNotificationItem
            key={notification.id}
            notification={notification}
            who={<Who animalId={notification.animal_id} />}
            acknowledge={canAcknowledge ? acknowledge : undefined}
          />
        ))}
      </ul>
    </Card>
  );
}
