import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { formatGrams, GrowthChart, growthSummary, niceTicks, timeTicks } from "./GrowthChart";

const POINTS = [
  { at: "2026-03-01T10:00:00Z", grams: 45 },
  { at: "2026-01-03T10:00:00Z", grams: 12 },
  { at: "2026-02-01T10:00:00Z", grams: 30.5 },
];

describe("niceTicks", () => {
  it("covers the range with round steps starting at zero", () => {
    expect(niceTicks(0, 45)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(0, 1800)).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it("still gives an axis for a single value", () => {
    const ticks = niceTicks(0, 0);
    expect(ticks[0]).toBe(0);
    expect(ticks.length).toBeGreaterThan(1);
  });
});

describe("timeTicks", () => {
  const day = 86_400_000;
  it("runs from the first weighing to the last", () => {
    const ticks = timeTicks(0, 60 * day, 3);
    expect(ticks).toEqual([0, 20 * day, 40 * day, 60 * day]);
  });

  it("never puts two ticks on one day", () => {
    expect(timeTicks(0, 2 * day, 6)).toEqual([0, day, 2 * day]);
    expect(timeTicks(0, 3_600_000, 6)).toEqual([0]);
  });
});

describe("formatGrams", () => {
  it("switches to kilograms from 1000 g", () => {
    expect(formatGrams(850)).toBe("850 g");
    expect(formatGrams(1500)).toBe("1.5 kg");
  });
});

describe("growthSummary", () => {
  it("tells the first and last weighing in date order, and the change", () => {
    expect(growthSummary(POINTS)).toBe("3 weighings from 3 Jan 2026 to 1 Mar 2026: 12 g to 45 g (up 33 g).");
  });

  it("handles one weighing and none", () => {
    expect(growthSummary([{ at: "2026-01-03", grams: 12 }])).toBe("One weighing: 12 g on 3 Jan 2026.");
    expect(growthSummary([])).toBe("No weights recorded yet.");
  });

  it("says when an animal lost weight", () => {
    expect(growthSummary([{ at: "2026-01-01", grams: 500 }, { at: "2026-02-01", grams: 450 }])).toContain("down 50 g");
  });
});

describe("GrowthChart", () => {
  it("is an image named by its summary, with one dot per weighing", () => {
    const { container } = render(<GrowthChart points={POINTS} />);
    const chart = screen.getByRole("img", { name: /Weight over time.*3 weighings/ });
    expect(chart).toBeInTheDocument();
    expect(container.querySelectorAll("circle")).toHaveLength(3);
    // Axis labels in grams.
    expect(within(chart).getByText("40 g")).toBeInTheDocument();
  });

  it("offers the same data as a table, newest first", async () => {
    render(<GrowthChart points={POINTS} />);
    await userEvent.click(screen.getByText("Show as a table"));
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(4); // header + 3
    expect(within(rows[1]!).getByText("1 Mar 2026")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("45 g")).toBeInTheDocument();
  });

  it("says what to do when nothing is recorded", () => {
    render(<GrowthChart points={[]} />);
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.getByText(/Log a weight to start the growth chart/)).toBeInTheDocument();
  });
});

describe("GrowthChart width", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("follows its box, even when it started without data", () => {
    let resize: ((entries: { contentRect: { width: number } }[]) => void) | null = null;
    const observed: Element[] = [];
    vi.stubGlobal(
      "ResizeObserver",
      class {
        constructor(callback: typeof resize) {
          resize = callback;
        }
        observe(element: Element) {
          observed.push(element);
        }
        disconnect() {}
      },
    );
    const { rerender, container } = render(<GrowthChart points={[]} />);
    rerender(<GrowthChart points={POINTS} />);
    expect(observed.length).toBeGreaterThan(0);
    act(() => resize!([{ contentRect: { width: 320 } }]));
    expect(container.querySelector("svg")).toHaveAttribute("width", "320");
  });
});
