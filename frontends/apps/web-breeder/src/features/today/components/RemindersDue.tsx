import type { AnimalSchemas } from "@reptidex/api-client";
import { Clock } from "lucide-react";
import { Link } from "react-router";

import { animalLabel, useAnimal } from "../../../queries/animals";
import { formatDateTime } from "../../breeding/dates";
import { DueNotificationItem } from "../../reminders/components/DueNotificationItem";
import { useAcknowledge } from "../../reminders/queries";

type ReminderDue = AnimalSchemas["ReminderDue"];
type NotificationOpen = AnimalSchemas["NotificationOpen"];

function AnimalName({ animalId }: { animalId: string | null }) {
  const animal = useAnimal(animalId ?? undefined).data;
  if (!animalId) return <>Whole vivarium</>;
  return (
    <Link to={`/animals/${animalId}`} className="text-teal-800 underline dark:text-teal-300">
      {animal ? animalLabel(animal) : "An animal"}
    </Link>
  );
}

/** Reminders that fired and wait for someone to say they are done, then those due later today. */
export function RemindersDue({
  vivariumId,
  reminders,
  notifications,
  canAcknowledge,
}: {
  vivariumId: string;
  reminders: ReminderDue[];
  notifications: NotificationOpen[];
  canAcknowledge: boolean;
}) {
  const acknowledge = useAcknowledge(vivariumId);
  const firedReminders = new Set(notifications.map((notification) => notification.reminder_id));
  const later = reminders.filter((reminder) => !firedReminders.has(reminder.id));
  const count = notifications.length + later.length;
  return (
    <section aria-labelledby="reminders-heading" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="reminders-heading" className="text-lg font-semibold">
          Reminders <span className="font-normal text-stone-600 dark:text-stone-400">({count})</span>
        </h2>
        <Link to="/reminders" className="text-sm font-medium text-teal-800 underline dark:text-teal-300">
          All reminders
        </Link>
      </div>
      {count ? (
        <ul className="flex flex-col divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
          {notifications.map((notification) => (
            <DueNotificationItem
              key={notification.id}
              notification={notification}
              who={
                <>
                  {" "}
                  · <AnimalName animalId={notification.animal_id} />
                </>
              }
              acknowledge={canAcknowledge ? acknowledge : undefined}
            />
          ))}
          {later.map((reminder) => (
            <li key={reminder.id} className="flex min-h-16 items-center gap-3 px-4 py-3">
              <Clock aria-hidden="true" size={20} className="shrink-0 text-stone-500" />
              <div className="min-w-0 flex-1">
                <p className="font-semibold">{reminder.title}</p>
                <p className="text-sm text-stone-600 dark:text-stone-400">
                  {formatDateTime(reminder.next_due_at)} · <AnimalName animalId={reminder.animal_id} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-2xl border border-dashed border-stone-300 px-4 py-4 text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
          No reminder due today.
        </p>
      )}
    </section>
  );
}
