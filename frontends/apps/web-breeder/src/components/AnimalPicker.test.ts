import { describe, expect, it } from "vitest";

import { highlightedIndex, matchesSex, movedHighlight } from "./AnimalPicker";

describe("matchesSex", () => {
  it("offers a not-yet-sexed animal as a parent, never the opposite sex", () => {
    expect(matchesSex("male", "male", true)).toBe(true);
    expect(matchesSex("unknown", "male", true)).toBe(true);
    expect(matchesSex("female", "male", true)).toBe(false);
  });

  it("offers only the asked sex where it must be known (a pairing)", () => {
    expect(matchesSex("unknown", "female", false)).toBe(false);
    expect(matchesSex("female", "female", false)).toBe(true);
  });

  it("offers every animal when no sex is asked (a transfer, a reminder)", () => {
    expect(matchesSex("unknown", undefined, false)).toBe(true);
  });
});

describe("the highlighted animal", () => {
  const earlier = [{ id: "a" }, { id: "atlas" }, { id: "b" }];
  const narrowed = [{ id: "atlas" }];

  it("stays on the same animal when the results change under it", () => {
    expect(highlightedIndex(earlier, "atlas")).toBe(1);
    expect(highlightedIndex(narrowed, "atlas")).toBe(0);
  });

  it("falls back to the first animal when the highlighted one is no longer offered", () => {
    // A position kept from the earlier list (1) would point at nothing here.
    expect(highlightedIndex(narrowed, "b")).toBe(0);
    expect(narrowed[highlightedIndex(narrowed, "b")]?.id).toBe("atlas");
  });

  it("moves with the arrows within the list as it is now", () => {
    expect(movedHighlight(earlier, null, 1)).toBe("atlas");
    expect(movedHighlight(earlier, "b", 1)).toBe("b");
    expect(movedHighlight(earlier, "a", -1)).toBe("a");
    expect(movedHighlight(narrowed, "b", 1)).toBe("atlas");
    expect(movedHighlight([], "b", 1)).toBeNull();
  });
});
