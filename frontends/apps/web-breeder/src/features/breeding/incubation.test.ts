import { describe, expect, it } from "vitest";

import { countdown, expectedHatchDate, expectedIncubationDays, type Clutch } from "./incubation";

const laid = "2026-10-26";
function clutch(overrides: Partial<Clutch> = {}) {
  return {
    status: "incubating" as const,
    laid_date: laid,
    expected_hatch_date: "2026-12-22", // 57 days
    hatch_date: null,
    hatched_count: 0,
    ...overrides,
  };
}

describe("countdown", () => {
  it("counts the days left and how far along incubation is", () => {
    const state = countdown(clutch(), "2026-11-30");
    expect(state.state).toBe("incubating");
    expect(state.daysLeft).toBe(22);
    expect(state.daysIn).toBe(35);
    expect(state.totalDays).toBe(57);
    expect(state.progress).toBeCloseTo(35 / 57);
    expect(state.label).toBe("22 days to go · day 35 of 57");
  });

  it("says one day, not one days", () => {
    expect(countdown(clutch(), "2026-12-21").label).toMatch(/^1 day to go/);
  });

  it("is due today on the expected day, with a full bar", () => {
    const state = countdown(clutch(), "2026-12-22");
    expect(state.state).toBe("due-today");
    expect(state.daysLeft).toBe(0);
    expect(state.progress).toBe(1);
    expect(state.label).toBe("Due to hatch today");
  });

  it("is overdue after the expected day and says by how much", () => {
    const state = countdown(clutch(), "2026-12-25");
    expect(state.state).toBe("overdue");
    expect(state.daysLeft).toBe(-3);
    expect(state.progress).toBe(1);
    expect(state.label).toMatch(/^3 days overdue/);
  });

  it("counts across a daylight-saving change without losing a day", () => {
    const state = countdown(clutch({ laid_date: "2026-03-20", expected_hatch_date: "2026-04-10" }), "2026-03-31");
    expect(state.daysIn).toBe(11);
    expect(state.daysLeft).toBe(10);
  });

  it("has no bar for a species without incubation data", () => {
    const state = countdown(clutch({ expected_hatch_date: null }), "2026-11-30");
    expect(state.state).toBe("no-estimate");
    expect(state.progress).toBeNull();
    expect(state.label).toMatch(/Day 35/);
  });

  it("stops counting once hatched or failed", () => {
    const hatched = countdown(clutch({ status: "hatched", hatch_date: "2026-12-20", hatched_count: 2 }), "2027-01-05");
    expect(hatched.state).toBe("hatched");
    expect(hatched.daysLeft).toBeNull();
    expect(hatched.label).toMatch(/2 hatchlings$/);
    expect(countdown(clutch({ status: "failed" }), "2026-11-30").state).toBe("failed");
  });
});

describe("expectedIncubationDays (the server's rule)", () => {
  const ballPython = { incubation_days_min: 55, incubation_days_max: 60, incubation_temp_min_c: "31.0", incubation_temp_max_c: "32.5" };
  const leopardGecko = { incubation_days_min: 35, incubation_days_max: 89, incubation_temp_min_c: "26.0", incubation_temp_max_c: "32.0" };
  const crestedGecko = { incubation_days_min: 60, incubation_days_max: 120, incubation_temp_min_c: "22.0", incubation_temp_max_c: "26.0" };

  it.each([
    [ballPython, null, 58],
    [ballPython, 31.0, 60],
    [ballPython, 32.5, 55],
    [ballPython, 31.8, 57],
    [ballPython, 34.0, 55],
    [leopardGecko, 29.0, 62],
    [leopardGecko, 32.0, 35],
    [crestedGecko, 22.0, 120],
    [crestedGecko, 24.0, 90],
    [crestedGecko, 20.0, 120],
  ])("%o at %s °C takes %i days", (species, temp, days) => {
    expect(expectedIncubationDays(species, temp)).toBe(days);
  });

  it("has no estimate without incubation data, and uses a single known bound", () => {
    const none = { incubation_days_min: null, incubation_days_max: null, incubation_temp_min_c: null, incubation_temp_max_c: null };
    expect(expectedIncubationDays(none, 30)).toBeNull();
    expect(expectedIncubationDays({ ...none, incubation_days_min: 70 }, 30)).toBe(70);
  });

  it("adds the days to the laid date", () => {
    expect(expectedHatchDate("2025-01-01", 60)).toBe("2025-03-02");
    expect(expectedHatchDate("2025-01-01", null)).toBeNull();
  });
});
