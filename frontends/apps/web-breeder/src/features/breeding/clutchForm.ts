import type { AnimalSchemas } from "@reptidex/api-client";

export type ClutchCreateBody = AnimalSchemas["ClutchCreate"];

/** The lay / edit form as typed: strings, so a half-typed number is not lost. */
export interface ClutchDraft {
  laidDate: string;
  total: string;
  fertile: string;
  infertile: string;
  /** Once the breeder types a fertile count it is theirs; before, it follows the total. */
  fertileTouched: boolean;
  tempC: string;
  humidity: string;
  notes: string;
}

export function blankClutch(today: string): ClutchDraft {
  return { laidDate: today, total: "", fertile: "", infertile: "0", fertileTouched: false, tempC: "", humidity: "", notes: "" };
}

export function draftFromClutch(clutch: AnimalSchemas["ClutchRead"]): ClutchDraft {
  return {
    laidDate: clutch.laid_date,
    total: String(clutch.eggs_total),
    fertile: String(clutch.eggs_fertile),
    infertile: String(clutch.eggs_infertile),
    fertileTouched: true,
    tempC: clutch.incubation_temp_c === null ? "" : String(clutch.incubation_temp_c),
    humidity: clutch.incubation_humidity_pct === null ? "" : String(clutch.incubation_humidity_pct),
    notes: clutch.notes ?? "",
  };
}

function count(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A decimal as typed on any keyboard: "28.5" or "28,5". */
export function decimal(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * Apply one field's change. Until the breeder sets the fertile count, it follows
 * total − infertile: most eggs are fertile, and a clutch saved with 0 fertile eggs could
 * never be hatched without correcting it first.
 */
export function changeDraft(draft: ClutchDraft, field: keyof ClutchDraft, value: string): ClutchDraft {
  const next: ClutchDraft = { ...draft, [field]: value };
  if (field === "fertile") next.fertileTouched = true;
  if ((field === "total" || field === "infertile") && !draft.fertileTouched) {
    const total = count(next.total);
    const infertile = count(next.infertile) ?? 0;
    next.fertile = total === null ? "" : String(Math.max(0, total - infertile));
  }
  return next;
}

export type ClutchProblems = Partial<Record<"laidDate" | "total" | "fertile" | "infertile" | "tempC" | "humidity", string>>;

/** Every reason the API would refuse the form, in the words of the form's labels. */
export function clutchProblems(draft: ClutchDraft, today: string, hatchedCount = 0): ClutchProblems {
  const problems: ClutchProblems = {};
  if (!draft.laidDate) problems.laidDate = "Enter the day the eggs were laid.";
  else if (draft.laidDate > today) problems.laidDate = "The laid date cannot be in the future.";
  const total = count(draft.total);
  const fertile = count(draft.fertile || "0");
  const infertile = count(draft.infertile || "0");
  if (total === null) problems.total = "Enter how many eggs were laid (a whole number).";
  else if (total > 1000) problems.total = "At most 1000 eggs.";
  if (fertile === null) problems.fertile = "A whole number, or leave it empty.";
  if (infertile === null) problems.infertile = "A whole number, or leave it empty.";
  if (total !== null && fertile !== null && infertile !== null && fertile + infertile > total) {
    problems.fertile = `Fertile (${fertile}) and infertile (${infertile}) are more than the ${total} eggs laid.`;
  }
  if (fertile !== null && fertile < hatchedCount) {
    problems.fertile = `${hatchedCount} eggs have hatched already; there cannot be fewer fertile eggs.`;
  }
  if (draft.tempC.trim()) {
    const temp = decimal(draft.tempC);
    if (temp === null || temp < 15 || temp > 40) problems.tempC = "Between 15 and 40 °C, e.g. 29.5.";
  }
  if (draft.humidity.trim()) {
    const humidity = count(draft.humidity);
    if (humidity === null || humidity > 100) problems.humidity = "A whole percentage from 0 to 100.";
  }
  return problems;
}

/** The request body; call only when `clutchProblems` found nothing. */
export function clutchBody(draft: ClutchDraft): ClutchCreateBody {
  const temp = draft.tempC.trim() ? decimal(draft.tempC) : null;
  return {
    laid_date: draft.laidDate,
    eggs_total: count(draft.total) ?? 0,
    eggs_fertile: count(draft.fertile || "0") ?? 0,
    eggs_infertile: count(draft.infertile || "0") ?? 0,
    // One decimal, as the API stores it.
    incubation_temp_c: temp === null ? null : Math.round(temp * 10) / 10,
    incubation_humidity_pct: draft.humidity.trim() ? count(draft.humidity) : null,
    notes: draft.notes.trim() || null,
  };
}
