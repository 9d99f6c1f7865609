import { Badge, Button, cx } from "@reptidex/ui";
import { Pause, Pencil, Play, Trash2 } from "lucide-react";
import { Link } from "react-router";

import { animalLabel, useAnimal } from "../../../queries/animals";
import { formatDateTime, localDateOf, localToday, relativeDay } from "../../breeding/dates";
import type { Enclosure, Reminder } from "../queries";
import { KIND_LABEL, recurrenceText } from "../recurrence";

function Target({ reminder, enclosures }: { reminder: Reminder; enclosures: Enclosure[] }) {
  const animal = useAnimal(reminder.animal_id ?? undefined).data;
  if (reminder.animal_id) {
    return (
      <Link to={`/animals/${reminder.animal_id}`} className="text-teal-800 underline dark:text-teal-300">
        {animal ? animalLabel(animal) : "An animal"}
      </Link>
    );
  }
  if (reminder.enclosure_id) {
    return <>{enclosures.find((enclosure) => enclosure.id === reminder.enclosure_id)?.name ?? "An enclosure"}</>;
  }
  return <>Whole vivarium</>;
}

/** Reminders with when they are next due and how they repeat; edit, pause and delete. */
export function ReminderList({
  reminders,
  enclosures,
  canEdit,
  busyId,
  onEdit,
  onToggle,
  onDelete,
}: {
  reminders: Reminder[];
  enclosures: Enclosure[];
  canEdit: boolean;
  busyId: string | null;
  onEdit: (reminder: Reminder) => void;
  onToggle: (reminder: Reminder) => void;
  onDelete: (reminder: Reminder) => void;
}) {
  const today = localToday();
  return (
    <ul className="flex flex-col divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
      {reminders.map((reminder) => {
        const overdue = reminder.active && new Date(reminder.next_due_at).getTime() < Date.now();
        return (
          <li key={reminder.id} className={cx("flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center", !reminder.active && "opacity-75")}>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 font-semibold">
                {reminder.title}
                {reminder.kind ? <Badge>{KIND_LABEL[reminder.kind]}</Badge> : null}
                {!reminder.active ? <Badge tone="amber">{reminder.last_fired_at && !reminder.interval_days ? "Done" : "Paused"}</Badge> : null}
              </p>
              <p className="text-sm text-stone-600 dark:text-stone-400">
                <Target reminder={reminder} enclosures={enclosures} /> · {recurrenceText(reminder.interval_days)}
              </p>
              <p className={cx("text-sm", overdue ? "font-medium text-amber-800 dark:text-amber-300" : "text-stone-700 dark:text-stone-300")}>
                {reminder.active ? "Next " : "Was due "}
                {formatDateTime(reminder.next_due_at)} ({relativeDay(localDateOf(reminder.next_due_at), today)})
              </p>
            </div>
            {canEdit ? (
              <div className="flex gap-1 self-end sm:self-center">
                <Button variant="ghost" size="sm" icon={<Pencil aria-hidden="true" size={16} />} onClick={() => onEdit(reminder)} aria-label={`Edit ${reminder.title}`}>
                  <span className="max-sm:sr-only">Edit</span>
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  busy={busyId === reminder.id}
                  icon={reminder.active ? <Pause aria-hidden="true" size={16} /> : <Play aria-hidden="true" size={16} />}
                  onClick={() => onToggle(reminder)}
                  aria-label={`${reminder.active ? "Pause" : "Resume"} ${reminder.title}`}
                >
                  <span className="max-sm:sr-only">{reminder.active ? "Pause" : "Resume"}</span>
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  icon={<Trash2 aria-hidden="true" size={16} />}
                  onClick={() => onDelete(reminder)}
                  aria-label={`Delete ${reminder.title}`}
                >
                  <span className="max-sm:sr-only">Delete</span>
                </Button>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
