import { ApiProblem, type AnimalSchemas } from "@reptidex/api-client";

import type { Trait } from "../../queries/catalogue";

export type GenotypeState = AnimalSchemas["GenotypeState"];
export type GenotypeProof = AnimalSchemas["GenotypeProof"];
type GenotypeEntry = AnimalSchemas["GenotypeEntry"];
type GenotypeRead = AnimalSchemas["GenotypeRead"];

/** One line of the genotype being edited. */
export interface GenotypeRow {
  trait_id: string;
  state: GenotypeState;
  het_percent: 50 | 66 | null;
  proof: GenotypeProof;
}

export const STATE_LABEL: Record<GenotypeState, string> = {
  visual: "Visual",
  het: "Het (proven carrier)",
  possible_het: "Possible het",
  super: "Super (two copies)",
};

export const PROOF_LABEL: Record<GenotypeProof, string> = {
  visual: "Seen (visual)",
  parentage: "Parentage",
  test_breeding: "Test breeding",
  dna_test: "DNA test",
  seller_claim: "Seller's claim",
};

export const PROOFS = Object.keys(PROOF_LABEL) as GenotypeProof[];

const ORDER: readonly GenotypeState[] = ["visual", "het", "possible_het", "super"];

/**
 * The states a trait admits, as the server decides them: a recessive shows only in two
 * copies (so carriers are hets), a dominant or incomplete dominant shows in one (two copies
 * are the super form), and polygenic or line-bred traits are only ever "visual".
 */
export function allowedStates(trait: Pick<Trait, "inheritance" | "super_form_name">): GenotypeState[] {
  const states = new Set<GenotypeState>(
    trait.inheritance === "recessive"
      ? ["visual", "het", "possible_het"]
      : trait.inheritance === "dominant" || trait.inheritance === "incomplete_dominant"
        ? ["visual", "super"]
        : ["visual"],
  );
  if (trait.super_form_name) states.add("super");
  return ORDER.filter((state) => states.has(state));
}

/** What shows is proven by looking; what is carried, by the parents (the server's default). */
export function defaultProof(state: GenotypeState): GenotypeProof {
  return state === "visual" || state === "super" ? "visual" : "parentage";
}

/** How many copies of the locus a state holds: a diploid animal has room for two. */
export function alleleCount(trait: Pick<Trait, "inheritance">, state: GenotypeState): number {
  if (state === "super") return 2;
  if (state === "visual") return trait.inheritance === "recessive" ? 2 : 1;
  return 1;
}

export function rowsFromGenotype(genotype: readonly GenotypeRead[]): GenotypeRow[] {
  return genotype.map((entry) => ({
    trait_id: entry.trait_id,
    state: entry.state,
    het_percent: entry.het_percent === 50 || entry.het_percent === 66 ? entry.het_percent : null,
    proof: entry.proof,
  }));
}

/** A new line for `trait`: recessives are most often recorded as hets, the rest as visuals. */
export function rowForTrait(trait: Trait): GenotypeRow {
  const states = allowedStates(trait);
  const state: GenotypeState = states.includes("het") ? "het" : states[0] ?? "visual";
  return { trait_id: trait.id, state, het_percent: null, proof: defaultProof(state) };
}

/** Change the state; the het percentage and a default proof follow it. */
export function withState(row: GenotypeRow, state: GenotypeState): GenotypeRow {
  const proof = row.proof === defaultProof(row.state) ? defaultProof(state) : row.proof;
  return {
    ...row,
    state,
    het_percent: state === "possible_het" ? (row.het_percent ?? 50) : null,
    proof,
  };
}

/**
 * The same rules the server applies, checked as the breeder edits, so a mistake is marked on
 * its line before saving. Keyed by line index.
 */
export function checkGenotype(rows: readonly GenotypeRow[], traits: ReadonlyMap<string, Trait>): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  const alleles = new Map<string, { count: number; names: string[] }>();
  rows.forEach((row, index) => {
    const trait = traits.get(row.trait_id);
    if (!trait) {
      errors[index] = "This trait is not one of the species' traits.";
      return;
    }
    if (seen.has(row.trait_id)) {
      errors[index] = `${trait.name} is listed more than once.`;
      return;
    }
    seen.add(row.trait_id);
    if (!allowedStates(trait).includes(row.state)) {
      errors[index] = `${trait.name} cannot be recorded as ${STATE_LABEL[row.state].toLowerCase()}.`;
      return;
    }
    if (row.state === "possible_het" && row.het_percent === null) {
      errors[index] = "Choose 50 % or 66 % for a possible het.";
      return;
    }
    if (trait.allelic_group) {
      const group = alleles.get(trait.allelic_group) ?? { count: 0, names: [] };
      group.count += alleleCount(trait, row.state);
      group.names.push(trait.name);
      alleles.set(trait.allelic_group, group);
      if (group.count > 2) {
        errors[index] =
          `${group.names.join(", ")} are alleles of one gene (${trait.allelic_group}); ` +
          "an animal carries at most two copies in total.";
      }
    }
  });
  return errors;
}

export function toGenotypeSet(rows: readonly GenotypeRow[]): GenotypeEntry[] {
  return rows.map((row) => ({
    trait_id: row.trait_id,
    state: row.state,
    het_percent: row.state === "possible_het" ? row.het_percent : null,
    proof: row.proof,
  }));
}

export function sameGenotype(a: readonly GenotypeRow[], b: readonly GenotypeRow[]): boolean {
  const key = (rows: readonly GenotypeRow[]) =>
    rows
      .map((row) => `${row.trait_id}:${row.state}:${row.het_percent ?? ""}:${row.proof}`)
      .sort()
      .join("|");
  return key(a) === key(b);
}

/** The server's refusal of a genotype, by line: its errors name `body.<index>.<field>`. */
export function genotypeProblemByRow(error: unknown): Record<number, string> {
  if (!(error instanceof ApiProblem) || error.status !== 422) return {};
  const rows: Record<number, string> = {};
  for (const item of error.errors) {
    const path = item.loc ?? (item.field ? item.field.split(".") : []);
    const index = path.map(String).find((part) => /^\d+$/.test(part));
    if (index === undefined) continue;
    rows[Number(index)] ??= item.message ?? item.msg ?? "This line is not accepted.";
  }
  return rows;
}

/**
 * A welfare or lethal flag that concerns this animal: every carrier for a "carrier" flag, only
 * two copies (the super form, or a visual recessive) for a "homozygous" one.
 */
export function welfareConcern(trait: Trait, state: GenotypeState): string | null {
  if (trait.welfare_flag === "none") return null;
  const homozygous = state === "super" || (state === "visual" && trait.inheritance === "recessive");
  if (trait.welfare_scope === "homozygous" && !homozygous) return null;
  const label = trait.welfare_flag === "lethal" ? "Lethal" : "Welfare concern";
  return trait.welfare_note ? `${label}: ${trait.welfare_note}` : label;
}

/** A carrier of a gene whose two-copy form is flagged: worth knowing before pairing it. */
export function pairingCaution(trait: Trait, state: GenotypeState): string | null {
  if (trait.welfare_flag === "none" || trait.welfare_scope !== "homozygous") return null;
  if (welfareConcern(trait, state)) return null;
  const twoCopies = trait.super_form_name ?? `visual ${trait.name}`;
  return `Pairing it with another ${trait.name} can produce ${twoCopies}, which is flagged ${
    trait.welfare_flag === "lethal" ? "lethal" : "for welfare"
  }.`;
}
