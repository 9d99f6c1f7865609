import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";

import { countdown } from "../incubation";
import { CountdownBar } from "./CountdownBar";

const clutch = { status: "incubating" as const, laid_date: "2026-10-26", expected_hatch_date: "2026-12-22", hatch_date: null, hatched_count: 0 };

it("shows the days left large, and the bar's progress to screen readers", () => {
  render(<CountdownBar countdown={countdown(clutch, "2026-11-30")} large />);
  expect(screen.getByText("22")).toBeInTheDocument();
  expect(screen.getByText("days to go")).toBeInTheDocument();
  const bar = screen.getByRole("progressbar", { name: "Incubation progress" });
  expect(bar).toHaveAttribute("aria-valuenow", "61");
  expect(bar).toHaveAttribute("aria-valuetext", "22 days to go · day 35 of 57");
  expect(screen.getByText("Day 35 of 57")).toBeInTheDocument();
});

it("says overdue in words, not only in red", () => {
  render(<CountdownBar countdown={countdown(clutch, "2026-12-24")} />);
  expect(screen.getByText(/^2 days overdue/)).toBeInTheDocument();
});
