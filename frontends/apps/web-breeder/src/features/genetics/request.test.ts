import { describe, expect, it } from "vitest";

import { ancestorDistance, animalPair, buildPredictRequest, type ParentInput } from "./request";

const atlas: ParentInput = { mode: "animal", animalId: "atlas" };
const pixel: ParentInput = { mode: "animal", animalId: "pixel" };

describe("buildPredictRequest", () => {
  it("sends animals by id", () => {
    expect(buildPredictRequest("bp", atlas, pixel)).toEqual({
      species_id: "bp",
      sire: { animal_id: "atlas" },
      dam: { animal_id: "pixel" },
      limit: 100,
    });
  });

  it("sends typed genes with possible-het percentages, skipping rows without a trait", () => {
    const typed: ParentInput = {
      mode: "genotype",
      genes: [
        { key: "1", traitId: "clown", state: "possible_het_66" },
        { key: "2", traitId: "", state: "visual" },
        { key: "3", traitId: "pastel", state: "super" },
      ],
    };
    expect(buildPredictRequest("bp", typed, pixel)?.sire).toEqual({
      genotype: [
        { trait_id: "clown", state: "possible_het", het_percent: 66 },
        { trait_id: "pastel", state: "super", het_percent: null },
      ],
    });
  });

  it("treats an empty typed genotype as a normal animal", () => {
    expect(buildPredictRequest("bp", { mode: "genotype", genes: [] }, pixel)?.sire).toEqual({ genotype: [] });
  });

  it("waits for a species and for both parents", () => {
    expect(buildPredictRequest("", atlas, pixel)).toBeNull();
    expect(buildPredictRequest("bp", atlas, { mode: "animal", animalId: null })).toBeNull();
  });
});

describe("animalPair", () => {
  it("is there only when both parents are animals", () => {
    expect(animalPair(atlas, pixel)).toEqual({ sireId: "atlas", damId: "pixel" });
    expect(animalPair(atlas, { mode: "genotype", genes: [] })).toBeNull();
    expect(animalPair({ mode: "animal", animalId: null }, pixel)).toBeNull();
  });
});

describe("ancestorDistance", () => {
  it("says how far back a common ancestor is", () => {
    expect(ancestorDistance(0, "sire")).toBe("the sire itself");
    expect(ancestorDistance(1, "dam")).toBe("the dam's parent");
    expect(ancestorDistance(2, "dam")).toBe("the dam's grandparent");
    expect(ancestorDistance(3, "sire")).toBe("the sire's great-grandparent");
    expect(ancestorDistance(5, "sire")).toBe("the sire's 3× great-grandparent");
  });
});
