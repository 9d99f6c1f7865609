import type { AnimalSchemas } from "@reptidex/api-client";

import { addDays, daysBetween, formatDate, plural } from "./dates";

export type Clutch = AnimalSchemas["ClutchRead"];
type Species = AnimalSchemas["SpeciesRead"];

export type CountdownState = "incubating" | "due-today" | "overdue" | "no-estimate" | "hatched" | "failed";

export interface Countdown {
  state: CountdownState;
  /** Days until the expected hatch; negative once overdue; null without an estimate or once over. */
  daysLeft: number | null;
  /** Days since the eggs were laid (day 0 is the laying day). */
  daysIn: number;
  /** Expected days from laying to hatching, when the species has incubation data. */
  totalDays: number | null;
  /** How far along incubation is, 0–1 (1 from the expected day on). */
  progress: number | null;
  /** One line a breeder reads at a glance. */
  label: string;
}

/**
 * Where a clutch stands, counted on the breeder's calendar (`today` is their local date, so
 * "due today" flips at their midnight, not the server's).
 */
export function countdown(
  clutch: Pick<Clutch, "status" | "laid_date" | "expected_hatch_date" | "hatch_date" | "hatched_count">,
  today: string,
): Countdown {
  const daysIn = Math.max(0, daysBetween(clutch.laid_date, today));
  const expected = clutch.expected_hatch_date;
  const totalDays = expected ? daysBetween(clutch.laid_date, expected) : null;
  if (clutch.status === "hatched") {
    return {
      state: "hatched",
      daysLeft: null,
      daysIn,
      totalDays,
      progress: 1,
      label: clutch.hatch_date
        ? `Hatched ${formatDate(clutch.hatch_date)} · ${plural(clutch.hatched_count, "hatchling")}`
        : `Hatched · ${plural(clutch.hatched_count, "hatchling")}`,
    };
  }
  if (clutch.status === "failed") {
    return { state: "failed", daysLeft: null, daysIn, totalDays, progress: null, label: "Failed" };
  }
  if (!expected || totalDays === null) {
    return {
      state: "no-estimate",
      daysLeft: null,
      daysIn,
      totalDays: null,
      progress: null,
      label: `Day ${daysIn} · no expected date for this species`,
    };
  }
  const daysLeft = daysBetween(today, expected);
  const progress = totalDays > 0 ? Math.min(1, Math.max(0, daysIn / totalDays)) : 1;
  if (daysLeft === 0) {
    return { state: "due-today", daysLeft, daysIn, totalDays, progress, label: "Due to hatch today" };
  }
  if (daysLeft < 0) {
    return {
      state: "overdue",
      daysLeft,
      daysIn,
      totalDays,
      progress,
      label: `${plural(-daysLeft, "day")} overdue (expected ${formatDate(expected)})`,
    };
  }
  return {
    state: "incubating",
    daysLeft,
    daysIn,
    totalDays,
    progress,
    label: `${plural(daysLeft, "day")} to go · day ${daysIn} of ${totalDays}`,
  };
}

/**
 * The server's estimate, repeated here so the lay form can show the expected hatch date
 * before anything is saved (repti_animal.breeding.incubation: the warmer within the species'
 * range, the shorter; the middle of the day range without a temperature).
 */
export function expectedIncubationDays(
  species: Pick<Species, "incubation_days_min" | "incubation_days_max" | "incubation_temp_min_c" | "incubation_temp_max_c">,
  tempC: number | null,
): number | null {
  const known = [species.incubation_days_min, species.incubation_days_max].filter(
    (days): days is number => days !== null,
  );
  if (!known.length) return null;
  const shortest = Math.min(...known);
  const longest = Math.max(...known);
  const low = species.incubation_temp_min_c === null ? null : Number(species.incubation_temp_min_c);
  const high = species.incubation_temp_max_c === null ? null : Number(species.incubation_temp_max_c);
  if (tempC === null || low === null || high === null || !(high > low)) {
    return roundHalfUp((shortest + longest) / 2);
  }
  const warmth = Math.min(1, Math.max(0, (tempC - low) / (high - low)));
  return roundHalfUp(longest - warmth * (longest - shortest));
}

// Half up as the server does (57.5 days reads as 58); the epsilon absorbs float noise.
function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + 1e-9);
}

export function expectedHatchDate(laidDate: string, incubationDays: number | null): string | null {
  return incubationDays === null ? null : addDays(laidDate, incubationDays);
}

/** "26–32 °C, 35–89 days" for hints; empty when the species has no incubation data. */
export function incubationRange(species: Species | undefined): string {
  if (!species) return "";
  const bits: string[] = [];
  if (species.incubation_temp_min_c !== null && species.incubation_temp_max_c !== null) {
    bits.push(`${Number(species.incubation_temp_min_c)}–${Number(species.incubation_temp_max_c)} °C`);
  }
  if (species.incubation_days_min !== null && species.incubation_days_max !== null) {
    bits.push(`${species.incubation_days_min}–${species.incubation_days_max} days`);
  }
  return bits.join(", ");
}
