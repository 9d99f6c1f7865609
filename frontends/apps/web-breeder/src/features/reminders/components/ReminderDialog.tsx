import { cx, Dialog, SelectField, TextField } from "@reptidex/ui";
import { useId, useState } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { AnimalPicker, type PickedAnimal } from "../../../components/AnimalPicker";
import { DialogFormFooter } from "../../../components/FormActions";
import { notifySuccess } from "../../../lib/notify";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { useAnimal } from "../../../queries/animals";
import { useCreateReminder, useEnclosures, useUpdateReminder, type Reminder } from "../queries";
import {
  blankReminder,
  createBody,
  draftFromReminder,
  KIND_LABEL,
  REPEAT_PRESETS,
  reminderProblems,
  updateBody,
  type ReminderDraft,
} from "../recurrence";

const TARGETS: { value: ReminderDraft["target"]; label: string }[] = [
  { value: "vivarium", label: "Whole vivarium" },
  { value: "animal", label: "One animal" },
  { value: "enclosure", label: "One enclosure" },
];
const TITLE_SUGGESTIONS = ["Deep clean", "Change water", "Mist enclosure", "Check incubator", "Weigh hatchlings", "Vet check", "Give medication"];

/** Create a reminder (`reminder` null) or edit one; the target is fixed once created. */
export function ReminderDialog({
  open,
  reminder,
  vivariumId,
  onClose,
}: {
  open: boolean;
  reminder: Reminder | null;
  vivariumId: string;
  onClose: () => void;
}) {
  const create = useCreateReminder(vivariumId);
  const update = useUpdateReminder(vivariumId);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={reminder ? "Edit reminder" : "New reminder"}
      footer={
        <DialogFormFooter
          formId="reminder-form"
          submitLabel={reminder ? "Save changes" : "Save reminder"}
          busy={create.isPending || update.isPending}
          onCancel={onClose}
        />
      }
    >
      {open ? (
        <ReminderForm key={reminder?.id ?? "new"} reminder={reminder} vivariumId={vivariumId} create={create} update={update} onDone={onClose} />
      ) : null}
    </Dialog>
  );
}

function ReminderForm({
  reminder,
  vivariumId,
  create,
  update,
  onDone,
}: {
  reminder: Reminder | null;
  vivariumId: string;
  create: ReturnType<typeof useCreateReminder>;
  update: ReturnType<typeof useUpdateReminder>;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState<ReminderDraft>(() => (reminder ? draftFromReminder(reminder) : blankReminder()));
  const [animal, setAnimal] = useState<PickedAnimal | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const enclosures = useEnclosures(vivariumId);
  const targetName = useId();
  const problems = submitted ? reminderProblems(draft) : {};
  const set = (changes: Partial<ReminderDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const fixedAnimal = useAnimal(reminder?.animal_id ?? undefined).data;

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    setSubmitted(true);
    if (Object.keys(reminderProblems(draft)).length) return;
    if (reminder) {
      const body = updateBody(draft, reminder);
      if (Object.keys(body).length) await update.mutateAsync({ id: reminder.id, body });
      notifySuccess("Reminder saved");
    } else {
      await create.mutateAsync(createBody(draft));
      notifySuccess(`Reminder set: ${draft.title.trim()}`);
    }
    onDone();
  });

  const fixedTarget = reminder
    ? reminder.animal_id
      ? fixedAnimal
        ? `${fixedAnimal.display_id}${fixedAnimal.name ? ` · ${fixedAnimal.name}` : ""}`
        : "One animal"
      : reminder.enclosure_id
        ? enclosures.data?.find((enclosure) => enclosure.id === reminder.enclosure_id)?.name ?? "One enclosure"
        : "Whole vivarium"
    : null;

  return (
    <form id="reminder-form" onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormProblem summary={form.summary} />
      <TextField
        label="What to do"
        list="reminder-titles"
        maxLength={120}
        autoComplete="off"
        value={draft.title}
        onChange={(event) => set({ title: event.target.value })}
        error={problems.title ?? form.fields.title}
      />
      <datalist id="reminder-titles">
        {TITLE_SUGGESTIONS.map((title) => (
          <option key={title} value={title} />
        ))}
      </datalist>

      {fixedTarget ? (
        <p className="text-sm">
          <span className="font-medium">For:</span> {fixedTarget}
        </p>
      ) : (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">For</legend>
          <div className="grid grid-cols-3 gap-1 rounded-lg bg-stone-100 p-1 dark:bg-stone-800">
            {TARGETS.map((target) => (
              <label
                key={target.value}
                className={cx(
                  "relative flex min-h-10 cursor-pointer items-center justify-center rounded-md px-1 text-center text-sm font-medium",
                  "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-teal-600",
                  draft.target === target.value ? "bg-white shadow-sm dark:bg-stone-950" : "text-stone-700 dark:text-stone-300",
                )}
              >
                <input
                  type="radio"
                  name={targetName}
                  className="absolute inset-0 m-0 h-full w-full cursor-pointer opacity-0"
                  checked={draft.target === target.value}
                  onChange={() => set({ target: target.value })}
                />
                {target.label}
              </label>
            ))}
          </div>
          {draft.target === "animal" ? (
            <AnimalPicker
              label="Animal"
              vivariumId={vivariumId}
              value={animal}
              onChange={(picked) => {
                setAnimal(picked);
                set({ animalId: picked?.id ?? null });
              }}
              error={problems.animal ?? form.fields.animal_id}
            />
          ) : null}
          {draft.target === "enclosure" ? (
            <SelectField
              label="Enclosure"
              value={draft.enclosureId}
              onChange={(event) => set({ enclosureId: event.target.value })}
              error={problems.enclosure ?? form.fields.enclosure_id}
              hint={enclosures.data && !enclosures.data.length ? "This vivarium has no enclosures yet." : undefined}
            >
              <option value="">Choose…</option>
              {(enclosures.data ?? []).map((enclosure) => (
                <option key={enclosure.id} value={enclosure.id}>
                  {enclosure.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Repeat"
          value={draft.repeat}
          onChange={(event) => set({ repeat: event.target.value })}
          error={form.fields.interval_days}
        >
          {REPEAT_PRESETS.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Every … days</option>
        </SelectField>
        {draft.repeat === "custom" ? (
          <TextField
            label="Every how many days"
            inputMode="numeric"
            pattern="[0-9]*"
            value={draft.customDays}
            onChange={(event) => set({ customDays: event.target.value })}
            error={problems.customDays}
          />
        ) : null}
      </div>
      <SelectField
        label="What it is (optional)"
        value={draft.kind}
        onChange={(event) => set({ kind: event.target.value as ReminderDraft["kind"] })}
        error={form.fields.kind}
      >
        <option value="">Anything</option>
        {Object.entries(KIND_LABEL).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </SelectField>

      <div className="grid grid-cols-2 gap-4">
        <TextField
          label={reminder ? "Next due on" : "First due on"}
          type="date"
          value={draft.date}
          onChange={(event) => set({ date: event.target.value })}
          error={problems.date ?? form.fields.next_due_at}
        />
        <TextField label="At" type="time" value={draft.time} onChange={(event) => set({ time: event.target.value })} />
      </div>
    </form>
  );
}
