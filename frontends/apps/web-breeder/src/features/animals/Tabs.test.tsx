import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { Tabs } from "./Tabs";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "genotype", label: "Genotype" },
  { id: "lineage", label: "Lineage" },
] as const;

function Example() {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("overview");
  return (
    <Tabs label="About BP-001" tabs={TABS} value={tab} onChange={setTab}>
      <p>Panel of {tab}</p>
    </Tabs>
  );
}

describe("Tabs", () => {
  it("shows the chosen panel, labelled by its tab", async () => {
    render(<Example />);
    await userEvent.click(screen.getByRole("tab", { name: "Genotype" }));
    expect(screen.getByRole("tab", { name: "Genotype" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Genotype" })).toHaveTextContent("Panel of genotype");
  });

  it("is one tab stop, and arrows, Home and End move between tabs", async () => {
    render(<Example />);
    await userEvent.tab();
    expect(screen.getByRole("tab", { name: "Overview" })).toHaveFocus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(screen.getByRole("tab", { name: "Lineage" })).toHaveFocus();
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Panel of lineage");
    await userEvent.keyboard("{Home}");
    expect(screen.getByRole("tab", { name: "Overview" })).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Lineage" })).toHaveFocus();
    // Tab leaves the row for the panel instead of visiting every tab.
    await userEvent.tab();
    expect(screen.getByRole("tabpanel")).toHaveFocus();
  });
});
