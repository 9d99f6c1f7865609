import { ApiProblem, type AnimalSchemas } from "@reptidex/api-client";

import { daysBetween, formatDate, localDateOf, plural } from "../breeding/dates";

export type TodayList = AnimalSchemas["TodayList"];
export type FeedingDue = AnimalSchemas["FeedingDue"];
export type WeighingDue = AnimalSchemas["WeighingDue"];
export type FeedingOutcome = AnimalSchemas["FeedingOutcome"];
export type BatchBody = AnimalSchemas["LogBatchCreate"];
type FeedingEntry = AnimalSchemas["FeedingEntry"];

export interface Meal {
  preyType: string;
  preySize: string;
  preyCount: string;
}

export interface FeedForm {
  outcome: FeedingOutcome;
  /** Each animal gets its own usual meal (the last one it accepted) instead of one shared meal. */
  usual: boolean;
  meal: Meal;
}

export const OUTCOME_LABEL: Record<FeedingOutcome, string> = {
  accepted: "Ate",
  refused: "Refused",
  regurgitated: "Regurgitated",
};

/** The usual meal the today list suggests for an animal, if it ever ate here. */
export function usualMeal(due: Pick<FeedingDue, "quick_log">): Meal | null {
  const log = due.quick_log as { prey_type?: unknown; prey_size?: unknown; prey_count?: unknown };
  if (typeof log.prey_type !== "string" || !log.prey_type) return null;
  return {
    preyType: log.prey_type,
    preySize: typeof log.prey_size === "string" ? log.prey_size : "",
    preyCount: typeof log.prey_count === "number" ? String(log.prey_count) : "1",
  };
}

/** "1 medium rat", "5 crickets". */
export function mealText(meal: Meal): string {
  const count = Number(meal.preyCount) || 1;
  const prey = count > 1 && !/s$/.test(meal.preyType) ? `${meal.preyType}s` : meal.preyType;
  return [String(count), meal.preySize, prey].filter(Boolean).join(" ");
}

function sameMeal(a: Meal, b: Meal): boolean {
  return a.preyType === b.preyType && a.preySize === b.preySize && a.preyCount === b.preyCount;
}

// ---- Defaults remembered from the last batch, per vivarium (this device only). ----

const STORE_PREFIX = "reptidex.batch-feed.";

interface Remembered {
  meal: Meal;
  usual: boolean;
}

export function rememberFeed(storage: Storage, vivariumId: string, form: FeedForm): void {
  const value: Remembered = { meal: form.meal, usual: form.usual };
  try {
    storage.setItem(STORE_PREFIX + vivariumId, JSON.stringify(value));
  } catch {
    // Private mode or a full storage: the form simply starts from the animals' usual meals.
  }
}

export function recalledFeed(storage: Storage, vivariumId: string): Remembered | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORE_PREFIX + vivariumId) ?? "null");
    if (!parsed || typeof parsed !== "object") return null;
    const { meal, usual } = parsed as Partial<Remembered>;
    if (!meal || typeof meal.preyType !== "string") return null;
    return {
      meal: { preyType: meal.preyType, preySize: String(meal.preySize ?? ""), preyCount: String(meal.preyCount ?? "1") },
      usual: usual === true,
    };
  } catch {
    return null;
  }
}

/**
 * The form as it opens. The outcome always starts at "Ate": a refusal carried over from the
 * last batch would be logged for a whole rack by one careless tap. The meal comes from the
 * last batch, else from the selected animals' own usual meal when they share one.
 */
export function initialFeedForm(selected: FeedingDue[], remembered: Remembered | null): FeedForm {
  const meals = selected.map(usualMeal);
  const allKnown = meals.length > 0 && meals.every((meal): meal is Meal => meal !== null);
  const shared = allKnown && meals.every((meal) => sameMeal(meal, meals[0]!)) ? meals[0]! : null;
  const meal = remembered?.meal ?? shared ?? { preyType: "", preySize: "", preyCount: "1" };
  // Usual meals by default when every animal has one and they differ (a mixed rack).
  const usual = allKnown && (remembered ? remembered.usual : !shared);
  return { outcome: "accepted", usual, meal };
}

/** Whether "each animal's usual meal" can be offered: every selected animal has one. */
export function canUseUsual(selected: FeedingDue[]): boolean {
  return selected.length > 0 && selected.every((due) => usualMeal(due) !== null);
}

export type FeedProblems = Partial<Record<"preyType" | "preySize" | "preyCount", string>>;

export function feedProblems(form: FeedForm, selected: FeedingDue[]): FeedProblems {
  if (form.usual && canUseUsual(selected)) return {};
  const problems: FeedProblems = {};
  const prey = form.meal.preyType.trim();
  if (!prey) problems.preyType = "Enter the prey, e.g. rat or cricket.";
  else if (prey.length > 60) problems.preyType = "At most 60 characters.";
  if (form.meal.preySize.trim().length > 40) problems.preySize = "At most 40 characters.";
  const count = form.meal.preyCount.trim();
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 100) problems.preyCount = "A whole number from 1 to 100.";
  return problems;
}

function entryFor(animalId: string, meal: Meal, outcome: FeedingOutcome): FeedingEntry {
  return {
    animal_id: animalId,
    kind: "feeding",
    prey_type: meal.preyType.trim(),
    prey_size: meal.preySize.trim() || null,
    prey_count: Number(meal.preyCount) || 1,
    outcome,
  };
}

/** One entry per selected animal, in the order shown (the index the API reports errors by). */
export function feedBatch(selected: FeedingDue[], form: FeedForm): BatchBody {
  const usual = form.usual && canUseUsual(selected);
  return {
    entries: selected.map((due) => entryFor(due.animal.id, usual ? usualMeal(due)! : form.meal, form.outcome)),
  };
}

/** The toast after a batch feeding, in the words a keeper uses. */
export function fedMessage(count: number, outcome: FeedingOutcome): string {
  switch (outcome) {
    case "accepted":
      return `Fed ${plural(count, "animal")}`;
    case "refused":
      return `${plural(count, "refusal")} logged; offer again tomorrow`;
    case "regurgitated":
      return `${plural(count, "regurgitation")} logged; next meal after a full interval`;
  }
}

// ---- Weighing ----

/** Grams as typed on a phone's keypad: "45", "45.5" or "45,5"; null when not a weight. */
export function parseGrams(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const grams = Number(trimmed);
  return grams > 0 && grams < 10_000_000 ? grams : null;
}

export interface WeighResult {
  body: BatchBody | null;
  /** Animal id → what is wrong with its input. */
  errors: Record<string, string>;
  /** How many weights will be logged (empty inputs are skipped). */
  count: number;
}

export function weighBatch(inputs: { animalId: string; grams: string }[]): WeighResult {
  const errors: Record<string, string> = {};
  const entries: AnimalSchemas["WeightEntry"][] = [];
  for (const { animalId, grams } of inputs) {
    if (!grams.trim()) continue;
    const value = parseGrams(grams);
    if (value === null) errors[animalId] = "Grams as a number, e.g. 1250 or 45.5.";
    else entries.push({ animal_id: animalId, kind: "weight", grams: value });
  }
  return { body: entries.length ? { entries } : null, errors, count: entries.length };
}

/** A weight far from the last one is more likely a typo (an extra zero) than growth. */
export function unlikelyWeight(grams: number, lastGrams: number | null | undefined): boolean {
  if (!lastGrams) return false;
  return grams > lastGrams * 3 || grams < lastGrams / 3;
}

// ---- Reading the list ----

export interface Note {
  text: string;
  tone: "neutral" | "amber" | "red";
}

/** Why an animal is on the feeding list, in plain words (refusals first: they need care). */
export function feedingNote(due: FeedingDue, today: string): Note {
  const every = `every ${plural(due.interval_days, "day")}`;
  if (due.last_outcome === "refused") {
    return {
      text: `Refused its last meal${due.last_fed_at ? `; last ate ${formatDate(localDateOf(due.last_fed_at))}` : ""}. Offer again today.`,
      tone: "red",
    };
  }
  if (due.last_outcome === "regurgitated") {
    return { text: "Regurgitated its last meal. Offer a smaller meal today.", tone: "red" };
  }
  if (!due.last_fed_at) return { text: `Never fed here yet (${every}).`, tone: "amber" };
  const lastAte = localDateOf(due.last_fed_at);
  const ago = daysBetween(lastAte, today);
  if (due.overdue_days > 0) {
    return { text: `${plural(due.overdue_days, "day")} overdue · ate ${plural(ago, "day")} ago · ${every}`, tone: "amber" };
  }
  return { text: `Due today · ate ${plural(ago, "day")} ago · ${every}`, tone: "neutral" };
}

export function weighingNote(due: WeighingDue, today: string): string {
  const every = `weighed every ${plural(due.every_days, "day")}`;
  if (!due.last_weighed_at || due.last_grams === null) return `Never weighed (${every})`;
  const ago = daysBetween(localDateOf(due.last_weighed_at), today);
  return `Last ${formatGrams(due.last_grams)} ${plural(ago, "day")} ago (${every})`;
}

export function formatGrams(grams: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(grams)} g`;
}

/**
 * A refused batch names every bad entry by index; say which animal and why, so the keeper
 * can take that one out and log the rest.
 */
export function batchRejections(error: unknown, animalLabels: string[]): string[] {
  if (!(error instanceof ApiProblem) || !error.errors.length) return [];
  return error.errors.map((item) => {
    const raw = item as { index?: unknown; field?: string; loc?: (string | number)[]; message?: string; msg?: string };
    const fromPath = (raw.field ?? raw.loc?.join(".") ?? "").match(/(?:entries|animal_ids)\.(\d+)/);
    const index = typeof raw.index === "number" ? raw.index : fromPath ? Number(fromPath[1]) : -1;
    const who = animalLabels[index] ?? "An entry";
    return `${who}: ${raw.message ?? raw.msg ?? "cannot be logged"}`;
  });
}
