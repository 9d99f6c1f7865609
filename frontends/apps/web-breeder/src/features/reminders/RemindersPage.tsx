import { Button, cx, Dialog, EmptyState, ErrorState, PageHeader, Skeleton } from "@reptidex/ui";
import { Plus } from "lucide-react";
import { useState } from "react";

import { notifyError, notifySuccess } from "../../lib/notify";
import { explain } from "../../lib/problems";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { DueNotifications } from "./components/DueNotifications";
import { ReminderDialog } from "./components/ReminderDialog";
import { ReminderList } from "./components/ReminderList";
import { useDeleteReminder, useEnclosures, useReminders, useUpdateReminder, type Reminder } from "./queries";

const FILTERS = [
  { value: true, label: "Active" },
  { value: false, label: "Paused & done" },
  { value: null, label: "All" },
] as const;

export default function RemindersPage() {
  const { vivariumId, current } = useVivarium();
  const canEdit = useCan("edit");
  const [active, setActive] = useState<boolean | null>(true);
  const reminders = useReminders(vivariumId, active);
  const enclosures = useEnclosures(vivariumId);
  const update = useUpdateReminder(vivariumId);
  const remove = useDeleteReminder(vivariumId);
  const [editing, setEditing] = useState<Reminder | "new" | null>(null);
  const [deleting, setDeleting] = useState<Reminder | null>(null);
  // Soonest first: the order a keeper works through them.
  const items = (reminders.data?.pages.flatMap((page) => page.items) ?? []).sort((a, b) => a.next_due_at.localeCompare(b.next_due_at));

  async function toggle(reminder: Reminder) {
    try {
      await update.mutateAsync({ id: reminder.id, body: { active: !reminder.active } });
      notifySuccess(reminder.active ? `Paused: ${reminder.title}` : `Resumed: ${reminder.title}`);
    } catch (error) {
      notifyError(error);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      notifySuccess(`Deleted: ${deleting.title}`);
    } catch (error) {
      notifyError(error);
    }
    setDeleting(null);
  }

  return (
    <>
      <PageHeader
        title="Reminders"
        subtitle={current ? `Care reminders of ${current.vivarium_name}` : undefined}
        actions={
          canEdit ? (
            <Button icon={<Plus aria-hidden="true" size={18} />} onClick={() => setEditing("new")}>
              New reminder
            </Button>
          ) : null
        }
      />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="due-heading" className="flex flex-col gap-3">
          <h2 id="due-heading" className="text-lg font-semibold">
            Due now
          </h2>
          <DueNotifications vivariumId={vivariumId} canAcknowledge={canEdit} />
        </section>

        <section aria-labelledby="all-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="all-heading" className="text-lg font-semibold">
              Reminders
            </h2>
            <div role="group" aria-label="Show" className="flex gap-1 rounded-lg bg-stone-100 p-1 dark:bg-stone-800">
              {FILTERS.map((filter) => (
                <button
                  key={filter.label}
                  type="button"
                  aria-pressed={active === filter.value}
                  onClick={() => setActive(filter.value)}
                  className={cx(
                    "min-h-9 rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-teal-600",
                    active === filter.value ? "bg-white shadow-sm dark:bg-stone-950" : "text-stone-700 dark:text-stone-300",
                  )}
                >
                  {filter.label}
                </button>
              ))}
            </div>
          </div>
          {reminders.error ? (
            <ErrorState {...explain(reminders.error)} />
          ) : reminders.isLoading ? (
            <div aria-busy="true" aria-label="Loading reminders" className="flex flex-col gap-2">
              {Array.from({ length: 3 }, (_, index) => (
                <Skeleton key={index} className="h-20" />
              ))}
            </div>
          ) : items.length ? (
            <>
              <ReminderList
                reminders={items}
                enclosures={enclosures.data ?? []}
                canEdit={canEdit}
                busyId={update.isPending ? (update.variables?.id ?? null) : null}
                onEdit={setEditing}
                onToggle={(reminder) => void toggle(reminder)}
                onDelete={setDeleting}
              />
              {reminders.hasNextPage ? (
                <Button variant="secondary" className="self-center" busy={reminders.isFetchingNextPage} onClick={() => void reminders.fetchNextPage()}>
                  Load more reminders
                </Button>
              ) : null}
            </>
          ) : (
            <EmptyState
              title={active === false ? "No paused reminders" : "No reminders yet"}
              action={
                canEdit && active !== false ? (
                  <Button icon={<Plus aria-hidden="true" size={18} />} onClick={() => setEditing("new")}>
                    New reminder
                  </Button>
                ) : null
              }
            >
              {active === false
                ? "Reminders you pause, and one-off reminders once they came due, are kept here."
                : "Remind yourself of what the today list does not cover: deep cleans, medication, a vet check, a lease's return."}
            </EmptyState>
          )}
        </section>
      </div>

      {canEdit ? (
        <>
          <ReminderDialog
            open={editing !== null}
            reminder={editing === "new" ? null : editing}
            vivariumId={vivariumId}
            onClose={() => setEditing(null)}
          />
          <Dialog
            open={deleting !== null}
            onClose={() => setDeleting(null)}
            title="Delete this reminder?"
            description={deleting ? `"${deleting.title}" and its past due notices are removed. Pause it instead to keep it.` : undefined}
            footer={
              <>
                <Button variant="secondary" onClick={() => setDeleting(null)}>
                  Keep it
                </Button>
                <Button variant="danger" busy={remove.isPending} onClick={() => void confirmDelete()}>
                  Delete reminder
                </Button>
              </>
            }
          />
        </>
      ) : null}
    </>
  );
}
