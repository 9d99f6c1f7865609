import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Outcome } from "./format";
import { OutcomeTable } from "./OutcomeTable";

function outcome(visual: string, probability: number, fraction: string, extra: Partial<Outcome> = {}): Outcome {
  return {
    visual,
    phenotype: visual,
    probability,
    fraction,
    hets: [],
    genotype: [],
    warnings: [],
    allelic_combinations: [],
    ...extra,
  };
}

const spider = {
  severity: "welfare" as const,
  kind: "carrier" as const,
  trait_id: "spider",
  trait: "Spider",
  probability: 1,
  message: "Carrier of Spider — welfare concern",
};

describe("OutcomeTable", () => {
  it("lists outcomes most likely first, with percent, fraction and possible hets", () => {
    render(
      <OutcomeTable
        outcomes={[
          outcome("Pastel", 0.125, "1/8"),
          outcome("Normal", 0.375, "3/8", { hets: ["66% possible het Clown"] }),
        ]}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("37.5 %3/8 · 3 in 8Normal66% possible het Clown");
    expect(rows[1]).toHaveTextContent("12.5 %1/8 · 1 in 8Pastel");
    expect(screen.queryByRole("columnheader", { name: "Warnings" })).not.toBeInTheDocument();
  });

  it("marks the outcomes that carry a welfare or lethal risk", () => {
    render(
      <OutcomeTable
        outcomes={[
          outcome("Spider", 0.5, "1/2", { warnings: [spider] }),
          outcome("Super Lilly White", 0.25, "1/4", {
            warnings: [{ ...spider, severity: "lethal", kind: "homozygous", trait: "Lilly White" }],
          }),
          outcome("Normal", 0.25, "1/4"),
        ]}
      />,
    );
    expect(screen.getByRole("columnheader", { name: "Warnings" })).toBeInTheDocument();
    const spiderRow = screen.getByRole("row", { name: /Spider/ });
    expect(within(spiderRow).getByText(/Welfare: Spider/)).toBeInTheDocument();
    expect(spiderRow.className).toContain("bg-amber-50");
    const lethalRow = screen.getByRole("row", { name: /Super Lilly White/ });
    expect(within(lethalRow).getByText(/Lethal: Lilly White/)).toBeInTheDocument();
    expect(lethalRow.className).toContain("bg-red-50");
  });

  it("shows the likeliest outcomes first and the rest on request", async () => {
    const many = Array.from({ length: 40 }, (_, index) => outcome(`Morph ${index}`, 1 / 40, "1/40"));
    render(<OutcomeTable outcomes={many} />);
    expect(screen.getAllByRole("row")).toHaveLength(33);
    await userEvent.click(screen.getByRole("button", { name: "Show all 40 outcomes" }));
    expect(screen.getAllByRole("row")).toHaveLength(41);
  });
});

describe("OutcomeTable for a many-gene pairing", () => {
  it("groups the outcomes it does not list, with their exact odds, and can list more", async () => {
    const listMore = vi.fn();
    render(
      <OutcomeTable
        outcomes={[outcome("Pastel", 0.5, "1/2"), outcome("Normal", 0.25, "1/4")]}
        other={{ count: 1052, probability: 0.25, fraction: "1/4" }}
        onListMore={listMore}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent("25 %1/41,052 less likely outcomestogether, not listed one by one");
    await userEvent.click(screen.getByRole("button", { name: "List more outcomes" }));
    expect(listMore).toHaveBeenCalledOnce();
  });

  it("names an allelic combination as breeders do, beside its genes", () => {
    render(
      <OutcomeTable
        outcomes={[
          outcome("Mojave Lesser", 0.25, "1/4", {
            allelic_combinations: [{ group: "BEL complex", name: "Mojave Lesser", hobby_name: "Blue-Eyed Leucistic" }],
          }),
        ]}
      />,
    );
    expect(screen.getByText("BEL complex: Mojave Lesser (Blue-Eyed Leucistic)")).toBeInTheDocument();
  });
});
