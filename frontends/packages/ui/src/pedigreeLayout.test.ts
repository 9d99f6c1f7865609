import { describe, expect, it } from "vitest";

import {
  buildPedigreeTree,
  depthOf,
  generationLabel,
  hasRecordedParents,
  occurrences,
  printDensity,
  printZoom,
  columnWidth,
  relationText,
  walkSlots,
  type TreeSlot,
} from "./pedigreeLayout";
import { ECHO } from "./pedigreeFixture";

function at(tree: TreeSlot, path: string): TreeSlot {
  const found = [...walkSlots(tree)].find((slot) => slot.path === path);
  if (!found) throw new Error(`no slot ${path}`);
  return found;
}

describe("buildPedigreeTree", () => {
  const tree = buildPedigreeTree(ECHO)!;

  it("puts the sire above the dam in every generation", () => {
    expect(tree.parents?.map((slot) => slot.relation)).toEqual(["sire", "dam"]);
    const sire = at(tree, "s");
    const dam = at(tree, "d");
    expect(sire.content).toMatchObject({ kind: "animal", node: { display_id: "BP-003" } });
    expect(dam.content).toMatchObject({ kind: "animal", node: { display_id: "BP-008" } });
    expect(at(tree, "ds").content).toMatchObject({ kind: "animal", node: { display_id: "BP-003" } });
    expect(at(tree, "dd").content).toMatchObject({ kind: "animal", node: { display_id: "BP-004" } });
  });

  it("unfolds an ancestor once per occurrence, with the offspring it is parent of", () => {
    expect(at(tree, "s").offspring?.display_id).toBe("BP-020");
    expect(at(tree, "ds").offspring?.display_id).toBe("BP-008");
    expect(occurrences(tree).get("atlas")).toBe(2);
    expect(occurrences(tree).get("nova")).toBe(1);
  });

  it("shows unknown parents as empty slots and a private ancestor with nothing behind it", () => {
    expect(at(tree, "ss").content.kind).toBe("unknown");
    expect(at(tree, "sd").content.kind).toBe("unknown");
    const hidden = at(tree, "dds");
    expect(hidden.content.kind).toBe("private");
    expect(hidden.parents).toBeNull();
    expect(at(tree, "ddd").content.kind).toBe("unknown");
  });

  it("gives each slot the rows of its parents, so the bracket stays tidy", () => {
    // Atlas: two empty parent slots; Nova: Atlas (2) + Juniper (2).
    expect(at(tree, "s").rows).toBe(2);
    expect(at(tree, "d").rows).toBe(4);
    expect(tree.rows).toBe(6);
    expect(depthOf(tree)).toBe(3);
  });

  it("stops at the generations asked for", () => {
    const shallow = buildPedigreeTree({ ...ECHO, generations: 1 })!;
    expect(depthOf(shallow)).toBe(1);
    expect(at(shallow, "s").parents).toBeNull();
    expect([...walkSlots(shallow)]).toHaveLength(3);
  });

  it("tells whether any parent is recorded", () => {
    expect(hasRecordedParents(tree)).toBe(true);
    const alone = buildPedigreeTree({
      root: "a",
      generations: 5,
      nodes: [{ key: "a", id: "a", private: false, display_id: "BP-100", sex: "female", generation: 0, sire: null, dam: null }],
    })!;
    expect(hasRecordedParents(alone)).toBe(false);
    expect(alone.parents?.map((slot) => slot.content.kind)).toEqual(["unknown", "unknown"]);
  });

  it("answers null for a root that is missing", () => {
    expect(buildPedigreeTree({ ...ECHO, root: "nobody" })).toBeNull();
  });
});

describe("labels", () => {
  it("names generations as breeders do", () => {
    expect([1, 2, 3, 4, 5].map(generationLabel)).toEqual([
      "Parents",
      "Grandparents",
      "Great-grandparents",
      "2× great-grandparents",
      "3× great-grandparents",
    ]);
  });

  it("says whose sire or dam an ancestor is", () => {
    const tree = buildPedigreeTree(ECHO)!;
    expect(relationText(at(tree, "ds"))).toBe("Sire of BP-008 · Nova");
    expect(relationText(at(tree, "d"))).toBe("Dam of BP-020 · Echo");
    expect(relationText(tree)).toBeNull();
  });
});

describe("printZoom", () => {
  const page = { width: 1000, height: 600 };
  it("leaves a chart that fits alone", () => {
    expect(printZoom({ width: 800, height: 500 }, page)).toBe(1);
  });
  it("shrinks by the tighter of width and height", () => {
    expect(printZoom({ width: 2000, height: 900 }, page)).toBe(0.5);
    expect(printZoom({ width: 1000, height: 1200 }, page)).toBe(0.5);
  });
  it("never goes below the readable minimum", () => {
    expect(printZoom({ width: 10000, height: 10000 }, page)).toBe(0.2);
  });
});

describe("printDensity", () => {
  it("keeps whole cards when a shallow chart has room", () => {
    // Maple: 8 rows on 420 px, every slot over 50 px.
    expect(printDensity(1, 8, 420)).toBe("two-line");
    expect(printDensity(2, 8, 420)).toBe("full");
  });
  it("shrinks the fifth generation of a full pedigree to one line, the fourth to two", () => {
    expect(printDensity(1, 32, 420)).toBe("one-line");
    expect(printDensity(2, 32, 420)).toBe("two-line");
    expect(printDensity(8, 32, 420)).toBe("full");
  });
});

describe("columnWidth", () => {
  it("fills the width with the generations shown", () => {
    expect(columnWidth(940, 4, 24)).toBe(208);
    expect(columnWidth(900, 6, 24)).toBe(130);
    expect(columnWidth(1000, 6, 24)).toBe(146);
  });
  it("never squeezes a card below a readable width (the chart scrolls instead)", () => {
    expect(columnWidth(340, 4, 24)).toBe(128);
  });
});
