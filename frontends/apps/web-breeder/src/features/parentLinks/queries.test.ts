import { describe, expect, it } from "vitest";

import { animalIdIn, linkedLabel } from "./queries";

describe("animalIdIn", () => {
  const id = "01a23bf1-760a-7093-8200-c009060182f7";

  it("reads a bare id and a public profile link alike", () => {
    expect(animalIdIn(id)).toBe(id);
    expect(animalIdIn(`  https://public.localhost/animals/${id.toUpperCase()}  `)).toBe(id);
  });

  it("finds nothing in text that is not an id", () => {
    expect(animalIdIn("BP-001 Atlas")).toBeNull();
    expect(animalIdIn("")).toBeNull();
  });
});

describe("linkedLabel", () => {
  it("names a shared animal and hides a private one", () => {
    const shared = {
      id: "x",
      display_id: "BP-001",
      name: "Atlas",
      sex: "male" as const,
      hatch_date: null,
      vivarium_id: "v",
      vivarium_name: "Alice's Pythons",
    };
    expect(linkedLabel(shared)).toBe("BP-001 · Atlas");
    expect(linkedLabel({ private: true })).toBe("a private animal");
  });
});
