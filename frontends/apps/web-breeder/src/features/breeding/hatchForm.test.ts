import { ApiProblem } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import {
  blankHatchling,
  earlyHatch,
  hasProblems,
  hatchBody,
  hatchProblems,
  remainingEggs,
  resizeHatchlings,
} from "./hatchForm";

describe("hatchling rows", () => {
  it("grows with blank rows and shrinks from the end, keeping what was typed", () => {
    const first = { ...blankHatchling(), name: "Pip", sex: "male" as const };
    const rows = resizeHatchlings([first], 3);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(first);
    expect(new Set(rows.map((row) => row.key)).size).toBe(3);
    expect(resizeHatchlings(rows, 1)).toEqual([first]);
    expect(resizeHatchlings(rows, -2)).toEqual([]);
  });

  it("sends only the count when nothing was typed about any hatchling", () => {
    expect(hatchBody("2026-12-20", resizeHatchlings([], 4))).toEqual({
      hatch_date: "2026-12-20",
      count: 4,
      confirm_early_hatch: false,
    });
  });

  it("sends every hatchling once one has details, trimmed, blanks as null", () => {
    const rows = resizeHatchlings([{ ...blankHatchling(), sex: "female", name: "  Fig ", displayId: " LG-100 " }], 2);
    expect(hatchBody("2026-12-20", rows, true)).toEqual({
      hatch_date: "2026-12-20",
      confirm_early_hatch: true,
      hatchlings: [
        { sex: "female", name: "Fig", morph: null, display_id: "LG-100" },
        { sex: "unknown", name: null, morph: null, display_id: null },
      ],
    });
  });
});

describe("hatch problems", () => {
  it("refuses more hatchlings than fertile eggs left", () => {
    expect(remainingEggs({ eggs_fertile: 6, hatched_count: 4 })).toBe(2);
    const problems = hatchProblems(resizeHatchlings([], 3), 2);
    expect(problems.count).toMatch(/Only 2 fertile egg/);
    expect(hasProblems(problems)).toBe(true);
  });

  it("says when every egg has hatched already", () => {
    expect(hatchProblems(resizeHatchlings([], 1), 0).count).toMatch(/Every fertile egg/);
  });

  it("points at a display id used twice", () => {
    const rows = [
      { ...blankHatchling(), displayId: "LG-9" },
      { ...blankHatchling(), displayId: "LG-8" },
      { ...blankHatchling(), displayId: "LG-9" },
    ];
    const problems = hatchProblems(rows, 5);
    expect(problems.displayIds).toEqual({ 2: "Hatchling 1 already uses LG-9." });
  });

  it("accepts a clean hatch", () => {
    expect(hasProblems(hatchProblems(resizeHatchlings([], 2), 2))).toBe(false);
  });
});

describe("an early hatch", () => {
  it("turns the API's refusal into a question with the days", () => {
    const refusal = new ApiProblem(409, {
      type: "https://docs.reptidex.app/problems/early-hatch-unconfirmed",
      status: 409,
      days_incubated: 20,
      incubation_days_min: 35,
    });
    expect(earlyHatch(refusal)).toEqual({ daysIncubated: 20, shortest: 35 });
  });

  it("leaves every other error alone", () => {
    expect(earlyHatch(new ApiProblem(409, { type: "https://docs.reptidex.app/problems/eggs-already-hatched" }))).toBeNull();
    expect(earlyHatch(new Error("network"))).toBeNull();
  });
});
