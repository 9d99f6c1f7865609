import { Button, buttonClass, EmptyState, ErrorState, PageHeader, Skeleton, TextField } from "@reptidex/ui";
import { Scale, Utensils, X } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { Link } from "react-router";

import { notifyError, notifySuccess } from "../../lib/notify";
import { explain } from "../../lib/problems";
import { animalLabel } from "../../queries/animals";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { formatDate, localToday, plural } from "../breeding/dates";
import {
  batchRejections,
  fedMessage,
  feedingNote,
  formatGrams,
  mealText,
  usualMeal,
  weighingNote,
  type BatchBody,
  type FeedForm,
  type FeedingDue,
} from "./batch";
import { AnimalCheckRow } from "./components/AnimalCheckRow";
import { DueGroup } from "./components/DueGroup";
import { FeedDialog } from "./components/FeedDialog";
import { LoggedJustNow, type LoggedBatch } from "./components/LoggedJustNow";
import { RemindersDue } from "./components/RemindersDue";
import { WeighDialog } from "./components/WeighDialog";
import { useBatchLog, useToday } from "./queries";
import { useSelection } from "./selection";

const NOTE_TONE = {
  neutral: "text-stone-600 dark:text-stone-400",
  amber: "text-amber-800 dark:text-amber-300",
  red: "font-medium text-red-800 dark:text-red-300",
} as const;

/** Find an animal by id, name, species or enclosure ("rack b"). */
function matches(animal: FeedingDue["animal"], filter: string): boolean {
  if (!filter) return true;
  const text = [animal.display_id, animal.name, animal.species_name, animal.enclosure_name].filter(Boolean).join(" ").toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

function where(animal: FeedingDue["animal"]): string {
  return [animal.species_name, animal.enclosure_name].filter(Boolean).join(" · ");
}

export default function TodayPage() {
  const { vivariumId, current } = useVivarium();
  const canLog = useCan("edit");
  const today = useToday(vivariumId);
  const batch = useBatchLog(vivariumId);
  const [filter, setFilter] = useState("");
  const [dialog, setDialog] = useState<"feed" | "weigh" | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [logged, setLogged] = useState<LoggedBatch[]>([]);
  const batchId = useRef(0);
  const todayDate = localToday();

  const feedings = useMemo(() => (today.data?.feedings ?? []).filter((due) => matches(due.animal, filter.trim())), [today.data, filter]);
  const weighings = useMemo(() => (today.data?.weighings ?? []).filter((due) => matches(due.animal, filter.trim())), [today.data, filter]);
  const feedIds = useMemo(() => feedings.map((due) => due.animal.id), [feedings]);
  const weighIds = useMemo(() => weighings.map((due) => due.animal.id), [weighings]);
  const feedSelection = useSelection(feedIds);
  const weighSelection = useSelection(weighIds);
  const selectedFeedings = feedings.filter((due) => feedSelection.selected.has(due.animal.id));
  const selectedWeighings = weighings.filter((due) => weighSelection.selected.has(due.animal.id));

  function open(which: "feed" | "weigh") {
    setProblem(null);
    setDialog(which);
  }

  async function log(body: BatchBody, animals: { display_id: string; name?: string | null }[], summary: string, after: () => void) {
    setProblem(null);
    try {
      await batch.mutateAsync(body);
      notifySuccess(summary);
      setLogged((current) => [
        { id: ++batchId.current, summary, animals: animals.map((animal) => animal.display_id), at: new Date() },
        ...current,
      ]);
      after();
      setDialog(null);
    } catch (error) {
      const lines = batchRejections(error, animals.map(animalLabel));
      if (lines.length) setProblem(lines);
      else notifyError(error);
    }
  }

  function feed(body: BatchBody, form: FeedForm) {
    const summary =
      form.outcome === "accepted"
        ? `${fedMessage(selectedFeedings.length, "accepted")}${form.usual ? "" : ` (${mealText(form.meal)} each)`}`
        : fedMessage(selectedFeedings.length, form.outcome);
    void log(body, selectedFeedings.map((due) => due.animal), summary, feedSelection.clear);
  }

  function weigh(body: BatchBody, count: number) {
    const animals = selectedWeighings.filter((due) => body.entries?.some((entry) => entry.animal_id === due.animal.id));
    void log(body, animals.map((due) => due.animal), `Weighed ${plural(count, "animal")}`, weighSelection.clear);
  }

  const header = (
    <PageHeader
      title="Today"
      subtitle={[formatDate(todayDate), current?.vivarium_name].filter(Boolean).join(" · ")}
    />
  );

  if (today.error) {
    return (
      <>
        {header}
        <ErrorState {...explain(today.error)} action={<Button onClick={() => void today.refetch()}>Try again</Button>} />
      </>
    );
  }
  if (!today.data) {
    return (
      <>
        {header}
        <div aria-busy="true" aria-label="Loading today's list" className="flex flex-col gap-3">
          <Skeleton className="h-7 w-48" />
          {Array.from({ length: 5 }, (_, index) => (
            <Skeleton key={index} className="h-16" />
          ))}
        </div>
      </>
    );
  }

  const data = today.data;
  const total = data.feedings.length + data.weighings.length + data.reminders.length + data.notifications.length;
  const selectedCount = feedSelection.selected.size + weighSelection.selected.size;

  return (
    <>
      {header}
      <div className="flex flex-col gap-6">
        <LoggedJustNow batches={logged} />
        {total === 0 ? (
          <EmptyState
            title="Nothing due today"
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <Link to="/animals" className={buttonClass()}>
                  Open the collection
                </Link>
                <Link
                  to="/reminders"
                  className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100 dark:border-stone-600 dark:hover:bg-stone-800"
                >
                  Set a reminder
                </Link>
              </div>
            }
          >
            Every animal is fed and weighed on schedule, and no reminder is due. Feedings appear here when an animal&apos;s feeding
            interval comes round.
          </EmptyState>
        ) : (
          <>
            <nav aria-label="Due today" className="flex flex-wrap gap-2 text-sm">
              <a href="#feedings" className="rounded-full bg-stone-100 px-3 py-1.5 font-medium dark:bg-stone-800">
                {plural(data.feedings.length, "feeding")}
              </a>
              <a href="#weighings" className="rounded-full bg-stone-100 px-3 py-1.5 font-medium dark:bg-stone-800">
                {plural(data.weighings.length, "weighing")}
              </a>
              <a href="#reminders" className="rounded-full bg-stone-100 px-3 py-1.5 font-medium dark:bg-stone-800">
                {plural(data.reminders.length + data.notifications.length, "reminder")}
              </a>
            </nav>
            {!canLog ? (
              <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm dark:bg-stone-800">
                Your role in this vivarium is view only: you see what is due, a handler or the owner logs it.
              </p>
            ) : null}
            {data.feedings.length + data.weighings.length > 6 ? (
              <TextField
                className="max-w-xl"
                label="Find an animal"
                type="search"
                placeholder="Id, name, species or enclosure"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
            ) : null}

            <div className="grid items-start gap-6 xl:grid-cols-2">
              <DueGroup
                id="feedings"
                title="To feed"
                noun="feedings"
                count={feedings.length}
                selection={feedSelection}
                selectable={canLog}
                empty={filter ? "No animal to feed matches." : "No feeding due today."}
              >
                {feedings.map((due) => {
                  const note = feedingNote(due, todayDate);
                  const meal = usualMeal(due);
                  return (
                    <li key={due.animal.id}>
                      <AnimalCheckRow
                        title={animalLabel(due.animal)}
                        checked={feedSelection.selected.has(due.animal.id)}
                        onToggle={canLog ? () => feedSelection.toggle(due.animal.id) : undefined}
                        details={
                          <>
                            <span className="block text-stone-600 dark:text-stone-400">{where(due.animal)}</span>
                            <span className="block text-stone-800 dark:text-stone-200">{meal ? `Usual meal: ${mealText(meal)}` : "First meal here"}</span>
                            <span className={`block ${NOTE_TONE[note.tone]}`}>{note.text}</span>
                          </>
                        }
                      />
                    </li>
                  );
                })}
              </DueGroup>

              <div className="flex flex-col gap-6">
                <DueGroup
                  id="weighings"
                  title="To weigh"
                  noun="weighings"
                  count={weighings.length}
                  selection={weighSelection}
                  selectable={canLog}
                  empty={filter ? "No animal to weigh matches." : "No weighing due today."}
                >
                  {weighings.map((due) => (
                    <li key={due.animal.id}>
                      <AnimalCheckRow
                        title={animalLabel(due.animal)}
                        checked={weighSelection.selected.has(due.animal.id)}
                        onToggle={canLog ? () => weighSelection.toggle(due.animal.id) : undefined}
                        details={
                          <>
                            <span className="block text-stone-600 dark:text-stone-400">{where(due.animal)}</span>
                            <span className="block text-stone-600 dark:text-stone-400">{weighingNote(due, todayDate)}</span>
                          </>
                        }
                        aside={due.last_grams !== null ? formatGrams(due.last_grams) : null}
                      />
                    </li>
                  ))}
                </DueGroup>

                <div id="reminders">
                  <RemindersDue vivariumId={vivariumId} reminders={data.reminders} notifications={data.notifications} canAcknowledge={canLog} />
                </div>
              </div>
            </div>
          </>
        )}

        {canLog && selectedCount > 0 ? (
          <div
            role="region"
            aria-label="Log the selected animals"
            className="sticky bottom-[calc(4rem+env(safe-area-inset-bottom))] z-20 flex flex-wrap items-center gap-2 rounded-2xl border border-stone-200 bg-white/95 p-2 shadow-lg backdrop-blur md:bottom-4 md:mx-auto md:w-full md:max-w-xl dark:border-stone-700 dark:bg-stone-900/95"
          >
            {feedSelection.selected.size ? (
              <Button className="flex-1" icon={<Utensils aria-hidden="true" size={18} />} onClick={() => open("feed")}>
                Feed {feedSelection.selected.size}
              </Button>
            ) : null}
            {weighSelection.selected.size ? (
              <Button className="flex-1" icon={<Scale aria-hidden="true" size={18} />} onClick={() => open("weigh")}>
                Weigh {weighSelection.selected.size}
              </Button>
            ) : null}
            <Button
              variant="ghost"
              aria-label="Clear the selection"
              onClick={() => {
                feedSelection.clear();
                weighSelection.clear();
              }}
            >
              <X aria-hidden="true" size={18} />
            </Button>
          </div>
        ) : null}
      </div>

      {canLog ? (
        <>
          <FeedDialog
            open={dialog === "feed"}
            selected={selectedFeedings}
            vivariumId={vivariumId}
            busy={batch.isPending}
            problem={problem}
            onClose={() => setDialog(null)}
            onSubmit={feed}
          />
          <WeighDialog
            open={dialog === "weigh"}
            selected={selectedWeighings}
            busy={batch.isPending}
            problem={problem}
            onClose={() => setDialog(null)}
            onSubmit={weigh}
          />
        </>
      ) : null}
    </>
  );
}
