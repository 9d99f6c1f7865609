import { describe, expect, it } from "vitest";

import { blankClutch, changeDraft, clutchBody, clutchProblems, type ClutchDraft } from "./clutchForm";

const today = "2026-11-30";

function typed(changes: [keyof ClutchDraft, string][]): ClutchDraft {
  return changes.reduce((draft, [field, value]) => changeDraft(draft, field, value), blankClutch(today));
}

describe("egg counts", () => {
  it("takes the fertile count from the total until the breeder sets it", () => {
    expect(typed([["total", "7"]]).fertile).toBe("7");
    expect(typed([["total", "7"], ["infertile", "1"]]).fertile).toBe("6");
    const own = typed([["total", "7"], ["fertile", "4"], ["total", "9"]]);
    expect(own.fertile).toBe("4");
  });

  it("refuses counts that do not add up, a future laid date and odd temperatures", () => {
    const draft = typed([["total", "3"], ["fertile", "3"], ["infertile", "1"], ["laidDate", "2026-12-01"], ["tempC", "45"]]);
    const problems = clutchProblems(draft, today);
    expect(problems.fertile).toMatch(/more than the 3 eggs/);
    expect(problems.laidDate).toMatch(/future/);
    expect(problems.tempC).toMatch(/15 and 40/);
  });

  it("asks for the total", () => {
    expect(clutchProblems(blankClutch(today), today).total).toMatch(/how many eggs/);
  });

  it("keeps at least the hatched eggs fertile when editing", () => {
    const draft = typed([["total", "6"], ["fertile", "1"]]);
    expect(clutchProblems(draft, today, 2).fertile).toMatch(/2 eggs have hatched/);
  });
});

it("builds the request, with a comma decimal and blanks as null", () => {
  const draft = typed([["total", "6"], ["infertile", "1"], ["tempC", "31,75"], ["notes", "  "]]);
  expect(clutchProblems(draft, today)).toEqual({});
  expect(clutchBody(draft)).toEqual({
    laid_date: today,
    eggs_total: 6,
    eggs_fertile: 5,
    eggs_infertile: 1,
    incubation_temp_c: 31.8,
    incubation_humidity_pct: null,
    notes: null,
  });
});
