import { cx } from "@reptidex/ui";
import { Check, Pencil } from "lucide-react";

import { formatDate } from "../dates";
import { lifeCycleSteps, pairingEvents, STATUS_LABEL, STATUS_MEANING, type Pairing } from "../pairingStatus";

/**
 * The pairing's life cycle as a line of steps (planned → active → locked → ovulated →
 * completed) with the date of each, then every recorded date. `onEdit` offers to correct one.
 */
export function PairingTimeline({ pairing, onEdit }: { pairing: Pairing; onEdit?: (key: string, date: string) => void }) {
  const steps = lifeCycleSteps(pairing);
  return (
    <div className="flex flex-col gap-4">
      <ol className="grid grid-cols-5 gap-1" aria-label="Pairing steps">
        {steps.map((step, index) => {
          const done = step.state === "done" || step.state === "current";
          return (
            <li key={step.status} className="flex min-w-0 flex-col items-center gap-1 text-center">
              <div className="flex w-full items-center">
                <span className={cx("h-0.5 flex-1", index === 0 ? "invisible" : done ? "bg-teal-600" : "bg-stone-300 dark:bg-stone-700")} />
                <span
                  className={cx(
                    "flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 text-xs font-semibold",
                    step.state === "current" && "border-teal-700 bg-teal-700 text-white dark:border-teal-500 dark:bg-teal-700",
                    step.state === "done" && "border-teal-600 bg-teal-50 text-teal-800 dark:bg-teal-950 dark:text-teal-200",
                    step.state === "skipped" && "border-dashed border-stone-400 text-stone-500",
                    step.state === "ahead" && "border-stone-300 text-stone-500 dark:border-stone-700",
                  )}
                  aria-hidden="true"
                >
                  {step.state === "done" || step.state === "current" ? <Check size={16} /> : index + 1}
                </span>
                <span
                  className={cx(
                    "h-0.5 flex-1",
                    index === steps.length - 1 ? "invisible" : steps[index + 1]!.state === "done" || steps[index + 1]!.state === "current" ? "bg-teal-600" : "bg-stone-300 dark:bg-stone-700",
                  )}
                />
              </div>
              <span className={cx("text-xs font-medium", step.state === "current" ? "text-teal-800 dark:text-teal-300" : "text-stone-700 dark:text-stone-300")}>
                {STATUS_LABEL[step.status]}
              </span>
              <span className="text-[0.7rem] leading-tight text-stone-600 dark:text-stone-400">
                {step.date ? formatDate(step.date) : step.state === "skipped" ? "skipped" : ""}
              </span>
              <span className="sr-only">
                {step.state === "current" ? "current step" : step.state === "done" ? "done" : step.state === "skipped" ? "not recorded" : "not yet"}
                {" – "}
                {STATUS_MEANING[step.status]}
              </span>
            </li>
          );
        })}
      </ol>
      {pairing.status === "failed" ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950/60 dark:text-red-100">
          Failed{typeof pairing.events.failed_at === "string" ? ` on ${formatDate(pairing.events.failed_at)}` : ""}. Start a new pairing to try again.
        </p>
      ) : null}
      <EventDates pairing={pairing} onEdit={onEdit} />
    </div>
  );
}

/** Every recorded date, life-cycle steps and the rest (laid, hatched, a pre-lay shed). */
function EventDates({ pairing, onEdit }: { pairing: Pairing; onEdit?: (key: string, date: string) => void }) {
  const all = pairingEvents(pairing.events).filter((event) => event.key !== "planned_at");
  if (!all.length) return null;
  return (
    <>
    <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-4 gap-y-1 text-sm">
      {all.map((event) => (
        <div key={event.key} className="contents">
          <dt className="text-stone-600 dark:text-stone-400">{event.label}</dt>
          <dd className="tabular-nums">{formatDate(event.date)}</dd>
          <dd>
            {onEdit ? (
              <button
                type="button"
                onClick={() => onEdit(event.key, event.date)}
                className="inline-flex min-h-9 min-w-9 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-stone-400 dark:hover:bg-stone-800"
                aria-label={`Change the date of ${event.label.toLowerCase()}`}
              >
                <Pencil aria-hidden="true" size={15} />
              </button>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
    {pairing.lock_dates.length > 1 ? (
      <p className="text-sm">
        <span className="text-stone-600 dark:text-stone-400">Every lock: </span>
        {pairing.lock_dates.map((day) => formatDate(day)).join(", ")}
      </p>
    ) : null}
    {pairing.expected_birth_date ? (
      <p className="text-sm">
        <span className="text-stone-600 dark:text-stone-400">Expected birth: </span>
        {formatDate(pairing.expected_birth_date)}
      </p>
    ) : null}
    </>
  );
}
