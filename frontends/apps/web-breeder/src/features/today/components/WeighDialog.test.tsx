import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { WeighingDue } from "../batch";
import { WeighDialog } from "./WeighDialog";

function due(id: string, name: string, lastGrams: number | null): WeighingDue {
  return {
    animal: { id, display_id: id, name, species_name: "Leopard gecko", enclosure_id: null, enclosure_name: null },
    every_days: 7,
    last_weighed_at: lastGrams === null ? null : "2026-11-20T09:00:00Z",
    last_grams: lastGrams,
    due_at: null,
    quick_log: { kind: "weight" },
  };
}

const selected = [due("LG-001", "Sol", 60), due("LG-002", "Clementine", null), due("LG-003", "Pip", 3)];

describe("batch weighing", () => {
  it("moves to the next animal on Enter and logs only the weights typed", async () => {
    const onSubmit = vi.fn();
    render(<WeighDialog open selected={selected} busy={false} problem={null} onClose={() => {}} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/LG-001 · Sol/), "61,5{Enter}");
    expect(screen.getByLabelText(/LG-002 · Clementine/)).toHaveFocus();
    await user.type(screen.getByLabelText(/LG-002 · Clementine/), "{Enter}");
    expect(screen.getByLabelText(/LG-003 · Pip/)).toHaveFocus();
    expect(screen.getByText("1 weight to save")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save weights" }));
    expect(onSubmit).toHaveBeenCalledWith({ entries: [{ animal_id: "LG-001", kind: "weight", grams: 61.5 }] }, 1);
  });

  it("warns of a likely typo and refuses what is not a weight", async () => {
    const onSubmit = vi.fn();
    render(<WeighDialog open selected={selected} busy={false} problem={null} onClose={() => {}} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/LG-001 · Sol/), "600");
    expect(screen.getByText(/Far from the last weight/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/LG-003 · Pip/), "3g");
    await user.click(screen.getByRole("button", { name: "Save weights" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Grams as a number");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("asks for at least one weight", async () => {
    const onSubmit = vi.fn();
    render(<WeighDialog open selected={selected} busy={false} problem={null} onClose={() => {}} onSubmit={onSubmit} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Save weights" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter at least one weight.");
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
