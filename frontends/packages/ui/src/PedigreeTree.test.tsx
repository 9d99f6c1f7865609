import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { PedigreeTree } from "./PedigreeTree";
import { ECHO } from "./pedigreeFixture";

function renderEcho() {
  return render(
    <PedigreeTree pedigree={ECHO} hrefFor={(node) => (node.access === "full" ? `/animals/${node.id}` : null)} />,
  );
}

function items(relation: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(`li[data-relation="${relation}"]`));
}

describe("PedigreeTree", () => {
  it("lays out one column per generation, with the animal first", () => {
    renderEcho();
    const byGeneration = (generation: number) =>
      Array.from(document.querySelectorAll(`li[data-generation="${generation}"]`));
    expect(byGeneration(0)).toHaveLength(1);
    expect(byGeneration(1)).toHaveLength(2);
    expect(byGeneration(2)).toHaveLength(4);
    // Behind Nova: Atlas's two unknown parents and Juniper's (private sire, unknown dam);
    // nothing behind Echo's sire Atlas's unknown parents.
    expect(byGeneration(3)).toHaveLength(4);
    expect(byGeneration(4)).toHaveLength(0);
    // Column headings follow the generations shown.
    expect(screen.getByText("This animal")).toBeInTheDocument();
    expect(screen.getByText("Great-grandparents")).toBeInTheDocument();
    expect(screen.queryByText("2× great-grandparents")).not.toBeInTheDocument();
  });

  it("nests each animal's parents as a list inside its item, sire first", () => {
    renderEcho();
    const parents = screen.getByRole("list", { name: "Parents of BP-020 · Echo" });
    const [sire, dam] = within(parents).getAllByRole("listitem").filter((li) => li.parentElement === parents);
    expect(sire).toHaveAttribute("data-relation", "sire");
    expect(sire).toHaveTextContent(/^Sire of BP-020 · Echo: BP-003/);
    expect(dam).toHaveAttribute("data-relation", "dam");
    expect(dam).toHaveTextContent(/^Dam of BP-020 · Echo: BP-008/);
  });

  it("links visible animals to their page and says whose parent they are", () => {
    renderEcho();
    const links = screen.getAllByRole("link", { name: "BP-003 · Atlas, sire of BP-008 · Nova" });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute("href", "/animals/atlas");
    expect(screen.getByRole("link", { name: "BP-008 · Nova, dam of BP-020 · Echo" })).toHaveAttribute(
      "href",
      "/animals/nova",
    );
    // Another breeder's animal: shown, not linked.
    expect(screen.queryByRole("link", { name: /BP-004/ })).not.toBeInTheDocument();
    expect(screen.getByText("Another breeder's animal")).toBeInTheDocument();
  });

  it("shows a private ancestor as such, with no details, and unknown parents as empty slots", () => {
    renderEcho();
    const hidden = items("sire").find((li) => li.textContent?.includes("Private ancestor"));
    expect(hidden).toBeDefined();
    expect(hidden).toHaveTextContent("Sire of BP-004 · Juniper: Private ancestorKept private by its owner");
    expect(within(hidden!).queryByRole("link")).not.toBeInTheDocument();
    expect(screen.getAllByText("No sire recorded")).toHaveLength(2);
    expect(screen.getAllByText("No dam recorded")).toHaveLength(3);
  });

  it("colours sires sky and dams rose, as the legend says", () => {
    renderEcho();
    const legend = screen.getByRole("list", { name: "Legend" });
    expect(within(legend).getByText("Sire (father)")).toBeInTheDocument();
    expect(within(legend).getByText("Dam (mother)")).toBeInTheDocument();
    for (const li of items("sire")) {
      expect(li.className).toContain("before:border-sky-500");
      expect((li.querySelector(":scope > div > div") as HTMLElement).className).toMatch(/border-l-sky-500|border-dashed/);
    }
    for (const li of items("dam")) {
      expect(li.className).toContain("before:border-rose-500");
      expect((li.querySelector(":scope > div > div") as HTMLElement).className).toMatch(/border-l-rose-500|border-dashed/);
    }
  });

  it("marks an ancestor that appears more than once", () => {
    renderEcho();
    const repeated = screen.getAllByTitle("Appears 2 times in this pedigree (inbreeding)");
    expect(repeated).toHaveLength(2);
  });

  it("shows the genotype as morph badges, sex as a symbol with words for screen readers", () => {
    renderEcho();
    expect(screen.getByText("Super Pastel")).toBeInTheDocument();
    expect(screen.getAllByText("het Clown")).toHaveLength(2);
    expect(screen.getByText("66% het Clown")).toBeInTheDocument();
    expect(screen.getAllByText("Male").length).toBeGreaterThan(0);
    expect(screen.getAllByText("Female").length).toBeGreaterThan(0);
  });

  it("uses the router link it is given", () => {
    render(
      <PedigreeTree
        pedigree={ECHO}
        hrefFor={(node) => `/x/${node.id}`}
        renderLink={({ href, children, ...props }) => (
          <a {...props} href={href} data-router="yes">
            {children}
          </a>
        )}
      />,
    );
    expect(screen.getByRole("link", { name: "BP-020 · Echo" })).toHaveAttribute("data-router", "yes");
  });
});
