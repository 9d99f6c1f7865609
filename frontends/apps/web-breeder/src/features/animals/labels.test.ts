import { describe, expect, it } from "vitest";

import { formatCoi, formatDate, generationsLabel, relativeDays } from "./labels";
import { ageOf } from "./OverviewSection";

describe("formatCoi", () => {
  it("shows a COI as a percentage a breeder can compare", () => {
    expect(formatCoi(0)).toBe("0 %");
    expect(formatCoi(0.0625)).toBe("6.25 %");
    expect(formatCoi(0.25)).toBe("25 %");
    expect(formatCoi(0.00390625)).toBe("0.391 %");
    expect(generationsLabel(1)).toBe("1 generation");
    expect(generationsLabel(5)).toBe("5 generations");
  });
});

describe("dates", () => {
  it("shows a calendar date without a time-zone shift", () => {
    expect(formatDate("2024-07-15")).toBe("15 Jul 2024");
    expect(formatDate(null)).toBe("—");
  });

  it("tells how many days away a moment is", () => {
    const now = new Date(2026, 2, 10, 15, 0);
    expect(relativeDays(new Date(2026, 2, 10, 8, 0).toISOString(), now)).toBe("today");
    expect(relativeDays(new Date(2026, 2, 9, 23, 0).toISOString(), now)).toBe("yesterday");
    expect(relativeDays(new Date(2026, 2, 7, 12, 0).toISOString(), now)).toBe("3 days ago");
    expect(relativeDays(new Date(2026, 2, 14, 1, 0).toISOString(), now)).toBe("in 4 days");
  });

  it("says an age the way breeders do", () => {
    expect(ageOf("2026-03-01", "2026-03-10")).toBe("9 days");
    expect(ageOf("2026-01-01", "2026-02-05")).toBe("5 weeks");
    expect(ageOf("2025-06-15", "2026-03-10")).toBe("8 months");
    expect(ageOf("2024-01-10", "2026-03-10")).toBe("2 years 2 months");
    expect(ageOf("2025-03-10", "2026-03-10")).toBe("1 year");
  });
});
