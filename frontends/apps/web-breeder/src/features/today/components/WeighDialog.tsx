import { controlClass, cx, Dialog } from "@reptidex/ui";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { DialogFormFooter } from "../../../components/FormActions";
import { animalLabel } from "../../../queries/animals";
import { plural } from "../../breeding/dates";
import { formatGrams, parseGrams, unlikelyWeight, weighBatch, type BatchBody, type WeighingDue } from "../batch";
import { BatchProblem } from "./BatchProblem";

/**
 * Batch weighing: one grams input per animal, the phone's decimal keypad, Enter (or "next"
 * on the keypad) moves to the following animal. Animals left empty are not logged.
 */
export function WeighDialog({
  open,
  selected,
  busy,
  problem,
  onClose,
  onSubmit,
}: {
  open: boolean;
  selected: WeighingDue[];
  busy: boolean;
  problem: string[] | null;
  onClose: () => void;
  onSubmit: (body: BatchBody, count: number) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Weigh ${plural(selected.length, "animal")}`}
      description="Grams on the scale; leave an animal empty to skip it."
      footer={<DialogFormFooter formId="batch-weigh" submitLabel="Save weights" busy={busy} onCancel={onClose} />}
    >
      {open ? <WeighForm selected={selected} problem={problem} onSubmit={onSubmit} /> : null}
    </Dialog>
  );
}

function WeighForm({
  selected,
  problem,
  onSubmit,
}: {
  selected: WeighingDue[];
  problem: string[] | null;
  onSubmit: (body: BatchBody, count: number) => void;
}) {
  const [grams, setGrams] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [empty, setEmpty] = useState(false);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const result = weighBatch(selected.map((due) => ({ animalId: due.animal.id, grams: grams[due.animal.id] ?? "" })));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(result.errors).length) return;
    if (!result.body) {
      setEmpty(true);
      return;
    }
    onSubmit(result.body, result.count);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, index: number) {
    if (event.key !== "Enter") return;
    const next = inputs.current[index + 1];
    if (next) {
      event.preventDefault();
      next.focus();
    }
    // On the last input Enter submits the form.
  }

  return (
    <form id="batch-weigh" onSubmit={submit} noValidate className="flex flex-col gap-3">
      <BatchProblem lines={problem} />
      {empty ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Enter at least one weight.
        </p>
      ) : null}
      <ol className="flex flex-col gap-2">
        {selected.map((due, index) => {
          const id = `grams-${due.animal.id}`;
          const error = submitted ? result.errors[due.animal.id] : undefined;
          const value = parseGrams(grams[due.animal.id] ?? "");
          const suspicious = value !== null && unlikelyWeight(value, due.last_grams);
          return (
            <li key={due.animal.id} className="grid grid-cols-[1fr_8rem] items-center gap-x-3 gap-y-1">
              <label htmlFor={id} className="min-w-0">
                <span className="block truncate text-sm font-semibold">{animalLabel(due.animal)}</span>
                <span className="block text-xs text-stone-600 dark:text-stone-400">
                  {due.last_grams !== null ? `Last ${formatGrams(due.last_grams)}` : "First weight"}
                </span>
              </label>
              <div className="relative">
                <input
                  id={id}
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  inputMode="decimal"
                  enterKeyHint={index === selected.length - 1 ? "done" : "next"}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error || suspicious ? `${id}-note` : undefined}
                  className={cx(controlClass, "pr-8 text-right text-lg tabular-nums")}
                  value={grams[due.animal.id] ?? ""}
                  onChange={(event) => setGrams((current) => ({ ...current, [due.animal.id]: event.target.value }))}
                  onKeyDown={(event) => onKeyDown(event, index)}
                />
                <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-stone-500">
                  g
                </span>
              </div>
              {error || suspicious ? (
                <p
                  id={`${id}-note`}
                  role={error ? "alert" : undefined}
                  className={cx("col-span-2 text-sm", error ? "text-red-700 dark:text-red-400" : "text-amber-800 dark:text-amber-300")}
                >
                  {error ?? `Far from the last weight (${formatGrams(due.last_grams ?? 0)}); check for a typo.`}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-stone-600 dark:text-stone-400" aria-live="polite">
        {plural(result.count, "weight")} to save
      </p>
    </form>
  );
}
