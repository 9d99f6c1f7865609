import { describe, expect, it } from "vitest";

import { expiresIn, parseVivariumId, readSnapshot, splitTransfers, type Transfer } from "./transferModel";

const NOW = new Date("2026-05-10T12:00:00Z");

function transfer(id: string, overrides: Partial<Transfer> = {}): Transfer {
  return {
    id,
    animal_id: `animal-${id}`,
    status: "pending",
    from_vivarium: { id: "a", slug: "a", name: "Alpha" },
    to_vivarium: { id: "b", slug: "b", name: "Beta" },
    message: null,
    created_at: "2026-05-01T10:00:00Z",
    expires_at: "2026-05-15T10:00:00Z",
    responded_at: null,
    snapshot: {},
    ...overrides,
  };
}

describe("splitTransfers", () => {
  it("puts open transfers where they can be answered and the rest in the history, newest first", () => {
    const lists = splitTransfers(
      [
        transfer("in-open"),
        transfer("in-accepted", { status: "accepted", responded_at: "2026-05-03T09:00:00Z" }),
      ],
      [
        transfer("out-open"),
        transfer("out-declined", { status: "declined", responded_at: "2026-05-08T09:00:00Z" }),
        // Past its expiry but not swept yet: nothing can be done with it any more.
        transfer("out-stale", { expires_at: "2026-05-09T10:00:00Z" }),
      ],
      NOW,
    );
    expect(lists.incomingPending.map((t) => t.id)).toEqual(["in-open"]);
    expect(lists.outgoingPending.map((t) => t.id)).toEqual(["out-open"]);
    expect(lists.history.map((t) => [t.id, t.direction, t.shownStatus])).toEqual([
      ["out-stale", "outgoing", "expired"],
      ["out-declined", "outgoing", "declined"],
      ["in-accepted", "incoming", "accepted"],
    ]);
  });
});

describe("readSnapshot", () => {
  it("reads the animal, its genes and parents, hiding private ancestors as such", () => {
    const snapshot = readSnapshot(
      transfer("t", {
        snapshot: {
          animal: {
            display_id: "BP-007",
            name: "Nova",
            species: { common_name: "Ball python" },
            sex: "female",
            hatch_date: "2024-05-01",
            morph: "Pastel",
            coi: 0.125,
          },
          genotype: [
            { trait: "Clown", state: "het", het_percent: null },
            { trait: "Pastel", state: "visual", het_percent: null },
            { trait: "Odd", state: "unknown-state" },
          ],
          parents: { sire: { private: true, label: "Private ancestor" }, dam: { id: "x", display_id: "BP-001", name: "Mum" } },
          log_count: 12,
          new_display_id: "BP-101",
        },
      }),
    );
    expect(snapshot).toMatchObject({
      displayId: "BP-007",
      name: "Nova",
      species: "Ball python",
      sex: "female",
      coi: 0.125,
      logCount: 12,
      newDisplayId: "BP-101",
      sire: { label: "Private ancestor", private: true },
      dam: { label: "BP-001 · Mum", private: false },
    });
    expect(snapshot.genes.map((g) => g.trait_name)).toEqual(["Clown", "Pastel"]);
  });

  it("survives an empty or odd snapshot", () => {
    const snapshot = readSnapshot(transfer("t", { snapshot: { animal: "nope", genotype: {} } }));
    expect(snapshot).toMatchObject({ displayId: "Unknown animal", sex: "unknown", genes: [], sire: null, logCount: 0 });
  });
});

describe("parseVivariumId", () => {
  it("finds the id in what was pasted", () => {
    const id = "0190A1B2-3C4D-7E8F-9A0B-1C2D3E4F5A6B";
    expect(parseVivariumId(`  ${id} `)).toBe(id.toLowerCase());
    expect(parseVivariumId(`Our vivarium: ${id}, thanks!`)).toBe(id.toLowerCase());
    expect(parseVivariumId("reyes-reptiles")).toBeNull();
    expect(parseVivariumId("")).toBeNull();
  });
});

it("says how long is left to answer in calendar days", () => {
  const now = new Date(2026, 4, 10, 9, 30);
  expect(expiresIn(new Date(2026, 4, 24, 9, 29).toISOString(), now)).toBe("in 14 days");
  expect(expiresIn(new Date(2026, 4, 11, 1, 0).toISOString(), now)).toBe("tomorrow");
  expect(expiresIn(new Date(2026, 4, 10, 23, 0).toISOString(), now)).toBe("today");
});
