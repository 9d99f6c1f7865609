import { formatPercent } from "./format";

export type CoiLevel = "none" | "low" | "moderate" | "high" | "very-high";

/**
 * Wright's F against the pairings breeders know, so a number means something: offspring of
 * first cousins are 6.25 %, of half siblings 12.5 %, of full siblings or parent x offspring 25 %.
 */
export function coiLevel(coi: number): { level: CoiLevel; text: string } {
  if (coi <= 0) return { level: "none", text: "No common ancestors within the generations checked." };
  if (coi < 0.0625) return { level: "low", text: "Low: less than a pairing of first cousins." };
  if (coi < 0.125) return { level: "moderate", text: "Moderate: about a pairing of first cousins or closer." };
  if (coi < 0.25) return { level: "high", text: "High: about a pairing of half siblings or closer." };
  return { level: "very-high", text: "Very high: like a pairing of full siblings or parent and offspring." };
}

/** "COI 12.5 % computed over 5 generations". */
export function coiSentence(coi: number, generations: number): string {
  const depth = generations === 1 ? "1 generation" : `${generations} generations`;
  return `COI ${formatPercent(coi)} computed over ${depth}`;
}
