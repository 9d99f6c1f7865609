import { cx, Dialog, TextField } from "@reptidex/ui";
import { useId, useState, type FormEvent } from "react";

import { DialogFormFooter } from "../../../components/FormActions";
import { animalLabel } from "../../../queries/animals";
import { plural } from "../../breeding/dates";
import {
  canUseUsual,
  feedBatch,
  feedProblems,
  initialFeedForm,
  mealText,
  OUTCOME_LABEL,
  recalledFeed,
  rememberFeed,
  usualMeal,
  type FeedForm,
  type FeedingDue,
  type FeedingOutcome,
  type Meal,
} from "../batch";
import { BatchProblem } from "./BatchProblem";

const OUTCOMES: FeedingOutcome[] = ["accepted", "refused", "regurgitated"];
const PREY_SUGGESTIONS = ["rat", "mouse", "cricket", "dubia roach", "mealworm", "superworm", "black soldier fly larva", "crested gecko diet"];
const SIZE_SUGGESTIONS = ["pinky", "fuzzy", "hopper", "weaned", "small", "medium", "large", "jumbo"];

/**
 * Batch feeding: the outcome (three large buttons), then the meal, either each animal's
 * usual meal or one for all, remembered from the last batch on this device.
 */
export function FeedDialog({
  open,
  selected,
  vivariumId,
  busy,
  problem,
  onClose,
  onSubmit,
}: {
  open: boolean;
  selected: FeedingDue[];
  vivariumId: string;
  busy: boolean;
  problem: string[] | null;
  onClose: () => void;
  onSubmit: (body: ReturnType<typeof feedBatch>, form: FeedForm) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Feed ${plural(selected.length, "animal")}`}
      description={selected.map((due) => due.animal.display_id).join(", ")}
      footer={
        <DialogFormFooter
          formId="batch-feed"
          submitLabel={`Log ${plural(selected.length, "feeding")}`}
          busy={busy}
          onCancel={onClose}
        />
      }
    >
      {open ? <FeedFormView selected={selected} vivariumId={vivariumId} problem={problem} onSubmit={onSubmit} /> : null}
    </Dialog>
  );
}

function FeedFormView({
  selected,
  vivariumId,
  problem,
  onSubmit,
}: {
  selected: FeedingDue[];
  vivariumId: string;
  problem: string[] | null;
  onSubmit: (body: ReturnType<typeof feedBatch>, form: FeedForm) => void;
}) {
  const [form, setForm] = useState<FeedForm>(() => initialFeedForm(selected, recalledFeed(localStorage, vivariumId)));
  const [submitted, setSubmitted] = useState(false);
  const outcomeName = useId();
  const mealKindName = useId();
  const usualOffered = canUseUsual(selected);
  const problems = submitted ? feedProblems(form, selected) : {};
  const setMeal = (changes: Partial<Meal>) => setForm((current) => ({ ...current, meal: { ...current.meal, ...changes } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(feedProblems(form, selected)).length) return;
    rememberFeed(localStorage, vivariumId, form);
    onSubmit(feedBatch(selected, form), form);
  }

  return (
    <form id="batch-feed" onSubmit={submit} noValidate className="flex flex-col gap-5">
      <BatchProblem lines={problem}>
        <p className="mt-1">Take those animals out of the selection, then log the rest.</p>
      </BatchProblem>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Outcome</legend>
        <div className="grid grid-cols-3 gap-2">
          {OUTCOMES.map((outcome) => (
            <label
              key={outcome}
              className={cx(
                "relative flex min-h-12 cursor-pointer items-center justify-center rounded-xl border-2 px-1 text-center text-xs font-semibold sm:text-sm",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600",
                form.outcome === outcome
                  ? outcome === "accepted"
                    ? "border-teal-700 bg-teal-700 text-white dark:border-teal-500 dark:bg-teal-700"
                    : "border-red-700 bg-red-700 text-white"
                  : "border-stone-300 text-stone-800 hover:bg-stone-100 dark:border-stone-600 dark:text-stone-200 dark:hover:bg-stone-800",
              )}
            >
              <input
                type="radio"
                name={outcomeName}
                value={outcome}
                className="absolute inset-0 m-0 h-full w-full cursor-pointer opacity-0"
                checked={form.outcome === outcome}
                onChange={() => setForm((current) => ({ ...current, outcome }))}
              />
              {OUTCOME_LABEL[outcome]}
            </label>
          ))}
        </div>
        {form.outcome !== "accepted" ? (
          <p className="mt-2 text-sm text-red-800 dark:text-red-300">
            {form.outcome === "refused"
              ? "A refusal does not reset the feeding clock: these animals come back on the list tomorrow."
              : "After a regurgitation the next meal waits a full feeding interval."}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium">Meal</legend>
        {usualOffered ? (
          <div className="flex flex-col gap-2">
            <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 px-3 dark:border-stone-600">
              <input
                type="radio"
                name={mealKindName}
                checked={form.usual}
                onChange={() => setForm((current) => ({ ...current, usual: true }))}
                className="h-5 w-5 accent-teal-700"
              />
              <span className="text-sm">
                Each animal&apos;s usual meal
                <span className="block text-xs text-stone-600 dark:text-stone-400">
                  {[...new Set(selected.map((due) => mealText(usualMeal(due)!)))].join(" · ")}
                </span>
              </span>
            </label>
            <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 px-3 dark:border-stone-600">
              <input
                type="radio"
                name={mealKindName}
                checked={!form.usual}
                onChange={() => setForm((current) => ({ ...current, usual: false }))}
                className="h-5 w-5 accent-teal-700"
              />
              <span className="text-sm">The same meal for all</span>
            </label>
          </div>
        ) : null}
        {!form.usual || !usualOffered ? (
          <div className="grid grid-cols-[1fr_1fr_5rem] gap-2">
            <TextField
              label="Prey"
              list="prey-suggestions"
              autoComplete="off"
              value={form.meal.preyType}
              onChange={(event) => setMeal({ preyType: event.target.value })}
              error={problems.preyType}
            />
            <TextField
              label="Size"
              list="size-suggestions"
              autoComplete="off"
              placeholder="Optional"
              value={form.meal.preySize}
              onChange={(event) => setMeal({ preySize: event.target.value })}
              error={problems.preySize}
            />
            <TextField
              label="Count"
              inputMode="numeric"
              pattern="[0-9]*"
              value={form.meal.preyCount}
              onChange={(event) => setMeal({ preyCount: event.target.value })}
              error={problems.preyCount}
            />
            <datalist id="prey-suggestions">
              {PREY_SUGGESTIONS.map((prey) => (
                <option key={prey} value={prey} />
              ))}
            </datalist>
            <datalist id="size-suggestions">
              {SIZE_SUGGESTIONS.map((size) => (
                <option key={size} value={size} />
              ))}
            </datalist>
          </div>
        ) : null}
      </fieldset>
      <p className="sr-only">Feeding {selected.map((due) => animalLabel(due.animal)).join(", ")}</p>
    </form>
  );
}
