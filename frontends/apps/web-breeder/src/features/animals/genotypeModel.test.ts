import { ApiProblem } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import type { Trait } from "../../queries/catalogue";
import {
  allowedStates,
  checkGenotype,
  genotypeProblemByRow,
  pairingCaution,
  rowForTrait,
  sameGenotype,
  toGenotypeSet,
  welfareConcern,
  withState,
  type GenotypeRow,
} from "./genotypeModel";

function trait(partial: Partial<Trait> & Pick<Trait, "id" | "name" | "inheritance">): Trait {
  return {
    species_id: "bp",
    super_form_name: null,
    allelic_group: null,
    welfare_flag: "none",
    welfare_scope: "carrier",
    welfare_note: null,
    aliases: [],
    ...partial,
  } as Trait;
}

const CLOWN = trait({ id: "clown", name: "Clown", inheritance: "recessive" });
const PASTEL = trait({ id: "pastel", name: "Pastel", inheritance: "incomplete_dominant", super_form_name: "Super Pastel" });
const MOJAVE = trait({ id: "mojave", name: "Mojave", inheritance: "incomplete_dominant", allelic_group: "BEL complex" });
const LESSER = trait({ id: "lesser", name: "Lesser", inheritance: "incomplete_dominant", allelic_group: "BEL complex" });
const SPIDER = trait({ id: "spider", name: "Spider", inheritance: "dominant", welfare_flag: "welfare", welfare_note: "Wobble." });
const CINNAMON = trait({
  id: "cinnamon",
  name: "Cinnamon",
  inheritance: "incomplete_dominant",
  super_form_name: "Super Cinnamon",
  welfare_flag: "welfare",
  welfare_scope: "homozygous",
});
const LINE = trait({ id: "line", name: "High white", inheritance: "line_bred" });
const TRAITS = new Map([CLOWN, PASTEL, MOJAVE, LESSER, SPIDER, CINNAMON, LINE].map((t) => [t.id, t]));

describe("allowedStates", () => {
  it("follows the inheritance of the trait", () => {
    expect(allowedStates(CLOWN)).toEqual(["visual", "het", "possible_het"]);
    expect(allowedStates(PASTEL)).toEqual(["visual", "super"]);
    expect(allowedStates(LINE)).toEqual(["visual"]);
  });
});

describe("editing a line", () => {
  it("starts a recessive as a het proven by parentage, a dominant as a visual", () => {
    expect(rowForTrait(CLOWN)).toEqual({ trait_id: "clown", state: "het", het_percent: null, proof: "parentage" });
    expect(rowForTrait(PASTEL)).toEqual({ trait_id: "pastel", state: "visual", het_percent: null, proof: "visual" });
  });

  it("asks a percentage only of a possible het, and moves a default proof along", () => {
    const possible = withState(rowForTrait(CLOWN), "possible_het");
    expect(possible).toMatchObject({ het_percent: 50, proof: "parentage" });
    const visual = withState({ ...possible, het_percent: 66 }, "visual");
    expect(visual).toMatchObject({ het_percent: null, proof: "visual" });
  });

  it("keeps a proof the breeder chose", () => {
    const tested: GenotypeRow = { ...rowForTrait(CLOWN), proof: "dna_test" };
    expect(withState(tested, "visual").proof).toBe("dna_test");
  });
});

describe("checkGenotype", () => {
  it("accepts a valid genotype", () => {
    const rows = [rowForTrait(CLOWN), withState(rowForTrait(PASTEL), "super"), rowForTrait(MOJAVE), rowForTrait(LESSER)];
    expect(checkGenotype(rows, TRAITS)).toEqual({});
  });

  it("refuses a state the trait does not have, and duplicates", () => {
    const rows: GenotypeRow[] = [
      { trait_id: "line", state: "het", het_percent: null, proof: "parentage" },
      rowForTrait(CLOWN),
      rowForTrait(CLOWN),
    ];
    const errors = checkGenotype(rows, TRAITS);
    expect(errors[0]).toMatch(/High white cannot be recorded as het/);
    expect(errors[1]).toBeUndefined();
    expect(errors[2]).toMatch(/more than once/);
  });

  it("allows at most two alleles of one gene", () => {
    const rows = [withState(rowForTrait(MOJAVE), "super"), rowForTrait(LESSER)];
    expect(checkGenotype(rows, TRAITS)[1]).toMatch(/Mojave, Lesser are alleles of one gene \(BEL complex\)/);
  });
});

describe("saving", () => {
  it("sends het percentages only for possible hets", () => {
    const rows = [withState(rowForTrait(CLOWN), "possible_het"), rowForTrait(PASTEL)];
    expect(toGenotypeSet(rows)).toEqual([
      { trait_id: "clown", state: "possible_het", het_percent: 50, proof: "parentage" },
      { trait_id: "pastel", state: "visual", het_percent: null, proof: "visual" },
    ]);
  });

  it("notices a change regardless of order", () => {
    const a = [rowForTrait(CLOWN), rowForTrait(PASTEL)];
    expect(sameGenotype(a, [...a].reverse())).toBe(true);
    expect(sameGenotype(a, [a[0]!, withState(a[1]!, "super")])).toBe(false);
  });

  it("puts the server's refusal on the line it names", () => {
    const problem = new ApiProblem(422, {
      errors: [{ field: "body.1.state", message: "Pastel is incomplete dominant: it can be recorded as super, visual, not het." }],
    });
    expect(genotypeProblemByRow(problem)).toEqual({ 1: "Pastel is incomplete dominant: it can be recorded as super, visual, not het." });
    const pydantic = new ApiProblem(422, { errors: [{ loc: ["body", 0, "het_percent"], msg: "Input should be 50 or 66" }] });
    expect(genotypeProblemByRow(pydantic)).toEqual({ 0: "Input should be 50 or 66" });
  });
});

describe("welfare flags", () => {
  it("flags every carrier of a carrier-scoped trait", () => {
    expect(welfareConcern(SPIDER, "visual")).toBe("Welfare concern: Wobble.");
  });

  it("flags only two copies of a homozygous-scoped trait, and warns a carrier before pairing", () => {
    expect(welfareConcern(CINNAMON, "visual")).toBeNull();
    expect(welfareConcern(CINNAMON, "super")).toBe("Welfare concern");
    expect(pairingCaution(CINNAMON, "visual")).toMatch(/can produce Super Cinnamon/);
    expect(pairingCaution(CINNAMON, "super")).toBeNull();
    expect(pairingCaution(CLOWN, "het")).toBeNull();
  });
});
