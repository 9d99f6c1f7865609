import { describe, expect, it } from "vitest";

import { coiLevel, coiSentence } from "./coi";
import {
  formatPercent,
  geneState,
  oddsText,
  sortOutcomes,
  sortWarnings,
  statesFor,
  worstSeverity,
  type Outcome,
} from "./format";

const nbsp = (text: string) => text.replace(/ /g, "\u00a0");

function outcome(phenotype: string, probability: number, warnings: Outcome["warnings"] = []): Outcome {
  return {
    phenotype,
    probability,
    fraction: "1/4",
    visual: phenotype,
    hets: [],
    genotype: [],
    warnings,
    allelic_combinations: [],
  };
}

describe("formatPercent", () => {
  it("writes exact odds with up to three significant digits", () => {
    expect(formatPercent(0.25)).toBe(nbsp("25 %"));
    expect(formatPercent(0.0625)).toBe(nbsp("6.25 %"));
    expect(formatPercent(1 / 3)).toBe(nbsp("33.3 %"));
    expect(formatPercent(2 / 3)).toBe(nbsp("66.7 %"));
    expect(formatPercent(1 / 64)).toBe(nbsp("1.56 %"));
    expect(formatPercent(1)).toBe(nbsp("100 %"));
    expect(formatPercent(0.125)).toBe(nbsp("12.5 %"));
  });
  it("never rounds a real chance to zero", () => {
    expect(formatPercent(0)).toBe(nbsp("0 %"));
    expect(formatPercent(1 / 65536)).toBe(nbsp("< 0.01 %"));
  });
});

describe("oddsText", () => {
  it("reads a fraction as 1 in N", () => {
    expect(oddsText("1/4")).toBe("1 in 4");
    expect(oddsText("3/16")).toBe("3 in 16");
    expect(oddsText("1")).toBe("every one");
  });
});

describe("sortOutcomes", () => {
  it("puts the likeliest first and ties in name order", () => {
    const sorted = sortOutcomes([outcome("Pastel", 0.25), outcome("Normal", 0.5), outcome("Clown", 0.25)]);
    expect(sorted.map((o) => o.phenotype)).toEqual(["Normal", "Clown", "Pastel"]);
  });
});

describe("warnings", () => {
  const welfare = { severity: "welfare" as const, probability: 0.5 };
  const lethal = { severity: "lethal" as const, probability: 0.25 };
  it("lists lethal combinations before welfare ones", () => {
    expect(sortWarnings([welfare, lethal])).toEqual([lethal, welfare]);
  });
  it("marks an outcome by its worst warning", () => {
    const base = {
      kind: "carrier" as const,
      trait_id: "t",
      trait: "Spider",
      probability: 1,
      message: "",
    };
    expect(worstSeverity(outcome("Normal", 1))).toBeNull();
    expect(worstSeverity(outcome("Spider", 1, [{ ...base, severity: "welfare" }]))).toBe("welfare");
    expect(
      worstSeverity(outcome("x", 1, [{ ...base, severity: "welfare" }, { ...base, severity: "lethal" }])),
    ).toBe("lethal");
  });
});

describe("gene entry", () => {
  it("offers only the states a trait's inheritance allows", () => {
    expect(statesFor("recessive")).toEqual(["visual", "het", "possible_het_66", "possible_het_50"]);
    expect(statesFor("incomplete_dominant")).toEqual(["visual", "super"]);
    expect(statesFor("dominant")).toEqual(["visual", "super"]);
    expect(statesFor("polygenic")).toEqual(["visual"]);
    expect(statesFor("line_bred")).toEqual(["visual"]);
  });
  it("sends a possible het with its percentage", () => {
    expect(geneState("possible_het_66")).toEqual({ state: "possible_het", het_percent: 66 });
    expect(geneState("possible_het_50")).toEqual({ state: "possible_het", het_percent: 50 });
    expect(geneState("het")).toEqual({ state: "het", het_percent: null });
  });
});

describe("COI", () => {
  it("says the depth it was computed on", () => {
    expect(coiSentence(0.125, 5)).toBe(`COI ${nbsp("12.5 %")} computed over 5 generations`);
    expect(coiSentence(0, 1)).toBe(`COI ${nbsp("0 %")} computed over 1 generation`);
  });
  it("compares it with pairings breeders know", () => {
    expect(coiLevel(0).level).toBe("none");
    expect(coiLevel(0.03).level).toBe("low");
    expect(coiLevel(0.0625).level).toBe("moderate");
    expect(coiLevel(0.125).level).toBe("high");
    expect(coiLevel(0.25).level).toBe("very-high");
    expect(coiLevel(0.375).level).toBe("very-high");
  });
});
