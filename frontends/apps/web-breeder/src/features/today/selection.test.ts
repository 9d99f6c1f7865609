import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stillListed, toggled, useSelection } from "./selection";

describe("selection", () => {
  it("toggles one animal in and out", () => {
    const once = toggled(new Set(), "a");
    expect([...once]).toEqual(["a"]);
    expect([...toggled(once, "a")]).toEqual([]);
  });

  it("forgets animals that left the list", () => {
    expect([...stillListed(new Set(["a", "b"]), ["b", "c"])]).toEqual(["b"]);
  });

  it("selects all due, then clears", () => {
    const { result, rerender } = renderHook(({ ids }) => useSelection(ids), { initialProps: { ids: ["a", "b", "c"] } });
    act(() => result.current.selectAll());
    expect(result.current.selected.size).toBe(3);
    expect(result.current.allSelected).toBe(true);
    // After a batch is logged the fed animals drop off the list.
    rerender({ ids: ["c"] });
    expect([...result.current.selected]).toEqual(["c"]);
    act(() => result.current.clear());
    expect(result.current.selected.size).toBe(0);
    expect(result.current.allSelected).toBe(false);
  });
});
