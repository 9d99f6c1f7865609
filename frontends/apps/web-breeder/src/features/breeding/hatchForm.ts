import { ApiProblem, type AnimalSchemas } from "@reptidex/api-client";

type Sex = AnimalSchemas["Sex"];
export type HatchBody = AnimalSchemas["HatchCreate"];

/** One hatchling as typed in: everything optional but the sex, which defaults to unknown. */
export interface HatchlingDraft {
  key: number;
  sex: Sex;
  name: string;
  morph: string;
  displayId: string;
}

let nextKey = 1;

export function blankHatchling(): HatchlingDraft {
  return { key: nextKey++, sex: "unknown", name: "", morph: "", displayId: "" };
}

/**
 * The rows for `count` hatchlings: rows already filled in are kept (in order), new ones are
 * blank, and shrinking drops rows from the end, so changing the count never loses typing
 * above the cut.
 */
export function resizeHatchlings(rows: HatchlingDraft[], count: number): HatchlingDraft[] {
  const wanted = Math.max(0, Math.floor(count));
  if (rows.length >= wanted) return rows.slice(0, wanted);
  return [...rows, ...Array.from({ length: wanted - rows.length }, blankHatchling)];
}

function isBlank(row: HatchlingDraft): boolean {
  return row.sex === "unknown" && !row.name.trim() && !row.morph.trim() && !row.displayId.trim();
}

/** How many fertile eggs of the clutch have not hatched yet: the most this hatch may record. */
export function remainingEggs(clutch: { eggs_fertile: number; hatched_count: number }): number {
  return Math.max(0, clutch.eggs_fertile - clutch.hatched_count);
}

export interface HatchProblems {
  count?: string;
  displayIds: Record<number, string>;
}

/** What the API would refuse, said before sending: too many hatchlings, repeated ids. */
export function hatchProblems(rows: HatchlingDraft[], remaining: number): HatchProblems {
  const problems: HatchProblems = { displayIds: {} };
  if (rows.length < 1) problems.count = "Enter how many hatched (at least 1).";
  else if (rows.length > remaining) {
    problems.count =
      remaining === 0
        ? "Every fertile egg of this clutch has hatched already. Correct the egg counts first if more hatched."
        : `Only ${remaining} fertile egg(s) are left to hatch. Correct the egg counts first if more hatched.`;
  }
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const id = row.displayId.trim();
    if (!id) return;
    const first = seen.get(id);
    if (first !== undefined) problems.displayIds[index] = `Hatchling ${first + 1} already uses ${id}.`;
    else seen.set(id, index);
  });
  return problems;
}

export function hasProblems(problems: HatchProblems): boolean {
  return Boolean(problems.count) || Object.keys(problems.displayIds).length > 0;
}

/**
 * The request: only a count when nothing was typed about any hatchling (the API then makes
 * them all unsexed and unnamed), otherwise every hatchling with what was typed.
 */
export function hatchBody(hatchDate: string, rows: HatchlingDraft[], confirmEarly = false): HatchBody {
  if (rows.every(isBlank)) return { hatch_date: hatchDate, count: rows.length, confirm_early_hatch: confirmEarly };
  return {
    hatch_date: hatchDate,
    confirm_early_hatch: confirmEarly,
    hatchlings: rows.map((row) => ({
      sex: row.sex,
      name: row.name.trim() || null,
      morph: row.morph.trim() || null,
      display_id: row.displayId.trim() || null,
    })),
  };
}

/** A hatch sooner than the species' shortest incubation, which the breeder must confirm. */
export interface EarlyHatch {
  daysIncubated: number;
  shortest: number;
}

/** The API's 409 early-hatch-unconfirmed as a question for the breeder; null for anything else. */
export function earlyHatch(error: unknown): EarlyHatch | null {
  if (!(error instanceof ApiProblem) || error.slug !== "early-hatch-unconfirmed") return null;
  return { daysIncubated: Number(error.body.days_incubated), shortest: Number(error.body.incubation_days_min) };
}
