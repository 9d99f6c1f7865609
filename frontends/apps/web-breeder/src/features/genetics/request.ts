import type { AnimalSchemas } from "@reptidex/api-client";

import { geneState, type EntryState } from "./format";

export type PredictRequest = AnimalSchemas["PredictRequest"];
export type ParentRole = "sire" | "dam";

// The likeliest outcomes listed one by one; the calculator groups the rest with exact odds.
export const LISTED_OUTCOMES = 100;

/** One gene typed in by hand; `key` keeps React rows stable while traits change. */
export interface GeneRow {
  key: string;
  traitId: string;
  state: EntryState;
}

/** A parent from the collection (by id, its stored genotype is used) or typed in by hand. */
export type ParentInput = { mode: "animal"; animalId: string | null } | { mode: "genotype"; genes: GeneRow[] };

/**
 * The body for `POST /genetics/predict`, or null while something is missing (no species, or a
 * parent to pick). Rows without a trait yet are left out: an empty hand-typed genotype is a
 * normal (wild type) animal, which is a valid parent.
 */
export function buildPredictRequest(
  speciesId: string,
  sire: ParentInput,
  dam: ParentInput,
): PredictRequest | null {
  const side = (parent: ParentInput): PredictRequest["sire"] | null => {
    if (parent.mode === "animal") return parent.animalId ? { animal_id: parent.animalId } : null;
    return {
      genotype: parent.genes
        .filter((row) => row.traitId)
        .map((row) => ({ trait_id: row.traitId, ...geneState(row.state) })),
    };
  };
  const sireSide = side(sire);
  const damSide = side(dam);
  if (!speciesId || !sireSide || !damSide) return null;
  return { species_id: speciesId, sire: sireSide, dam: damSide, limit: LISTED_OUTCOMES };
}

/** Both parents are real animals: the pairing has a pedigree (what-if COI) and can be planned. */
export function animalPair(sire: ParentInput, dam: ParentInput): { sireId: string; damId: string } | null {
  if (sire.mode !== "animal" || dam.mode !== "animal" || !sire.animalId || !dam.animalId) return null;
  return { sireId: sire.animalId, damId: dam.animalId };
}

/** Where a common ancestor sits from one parent: "the sire itself", "the dam's grandparent". */
export function ancestorDistance(generations: number, side: ParentRole): string {
  if (generations <= 0) return `the ${side} itself`;
  if (generations === 1) return `the ${side}'s parent`;
  if (generations === 2) return `the ${side}'s grandparent`;
  if (generations === 3) return `the ${side}'s great-grandparent`;
  return `the ${side}'s ${generations - 2}× great-grandparent`;
}
