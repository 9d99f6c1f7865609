/**
 * How the calculator's numbers and genes are written for breeders: exact fractions next to
 * percents, "66% possible het", states offered only where the trait's inheritance allows them.
 */
import type { AnimalSchemas } from "@reptidex/api-client";

export type Outcome = AnimalSchemas["OutcomeRead"];
export type OtherOutcomes = AnimalSchemas["OtherOutcomesRead"];
export type AllelicCombination = AnimalSchemas["AllelicCombinationRead"];
export type PairingWarning = AnimalSchemas["WarningRead"];
export type Inheritance = AnimalSchemas["Inheritance"];
export type GenotypeState = AnimalSchemas["GenotypeState"];

// A no-break space keeps "12.5 %" on one line.
const NBSP = "\u00a0";

/** 0.25 → "25 %", 0.0625 → "6.25 %", 1/3 → "33.3 %": three significant digits at most. */
export function formatPercent(probability: number): string {
  const value = probability * 100;
  if (value === 0) return `0${NBSP}%`;
  if (value < 0.01) return `<${NBSP}0.01${NBSP}%`;
  return `${Number(value.toPrecision(3))}${NBSP}%`;
}

/** "1 in 4" for a fraction like "1/4" (reads better at the rack than 1/4), else the fraction. */
export function oddsText(fraction: string): string {
  const [top, bottom] = fraction.split("/");
  if (top === "1" && bottom) return `1 in ${bottom}`;
  if (!bottom) return top === "1" ? "every one" : fraction;
  return `${top} in ${bottom}`;
}

/** Most likely first; equally likely outcomes in name order, so the table never reshuffles. */
export function sortOutcomes(outcomes: readonly Outcome[]): Outcome[] {
  return [...outcomes].sort(
    (a, b) => b.probability - a.probability || a.phenotype.localeCompare(b.phenotype),
  );
}

/** Lethal before welfare, then the likelier first. */
export function sortWarnings<T extends Pick<PairingWarning, "severity" | "probability">>(warnings: readonly T[]): T[] {
  const rank = { lethal: 0, welfare: 1 } as const;
  return [...warnings].sort((a, b) => rank[a.severity] - rank[b.severity] || b.probability - a.probability);
}

/** The worst warning of an outcome, for its row's marker; null when it has none. */
export function worstSeverity(outcome: Pick<Outcome, "warnings">): "lethal" | "welfare" | null {
  if (outcome.warnings.some((warning) => warning.severity === "lethal")) return "lethal";
  return outcome.warnings.length ? "welfare" : null;
}

/** A gene state a parent can be entered with; possible hets carry their percentage. */
export type EntryState = "visual" | "super" | "het" | "possible_het_50" | "possible_het_66";

// Short enough for a phone's half-width select.
export const ENTRY_STATE_LABEL: Record<EntryState, string> = {
  visual: "Visual",
  super: "Super",
  het: "Het",
  possible_het_66: "66% poss. het",
  possible_het_50: "50% poss. het",
};

/**
 * What the calculator accepts for each kind of trait: a recessive is visual (two copies) or
 * carried; a dominant or incomplete dominant shows with one copy or is super; polygenic and
 * line-bred traits are only "visual" (listed apart, without odds).
 */
export function statesFor(inheritance: Inheritance): EntryState[] {
  switch (inheritance) {
    case "recessive":
      return ["visual", "het", "possible_het_66", "possible_het_50"];
    case "incomplete_dominant":
    case "dominant":
      return ["visual", "super"];
    default:
      return ["visual"];
  }
}

/** The request's form of an entry state. */
export function geneState(entry: EntryState): { state: GenotypeState; het_percent: 50 | 66 | null } {
  if (entry === "possible_het_50") return { state: "possible_het", het_percent: 50 };
  if (entry === "possible_het_66") return { state: "possible_het", het_percent: 66 };
  return { state: entry, het_percent: null };
}

/** "BEL complex: Mojave Lesser (Blue-Eyed Leucistic)": the genes, with the hobby's name beside them. */
export function combinationText(combination: AllelicCombination): string {
  const known = combination.hobby_name ? ` (${combination.hobby_name})` : "";
  return `${combination.group}: ${combination.name}${known}`;
}

/** "1,052 less likely outcomes" for the group the calculator did not list one by one. */
export function otherOutcomesText(other: OtherOutcomes): string {
  const count = other.count.toLocaleString("en");
  return `${count} less likely ${other.count === 1 ? "outcome" : "outcomes"}`;
}
