import { ApiProblem } from "@reptidex/api-client";
import { beforeEach, describe, expect, it } from "vitest";

import {
  batchRejections,
  canUseUsual,
  fedMessage,
  feedBatch,
  feedingNote,
  feedProblems,
  initialFeedForm,
  mealText,
  parseGrams,
  recalledFeed,
  rememberFeed,
  unlikelyWeight,
  weighBatch,
  type FeedingDue,
} from "./batch";

function due(id: string, quick: Record<string, unknown> = {}, overrides: Partial<FeedingDue> = {}): FeedingDue {
  return {
    animal: { id, display_id: id.toUpperCase(), name: null, species_name: "Ball python", enclosure_id: null, enclosure_name: null },
    interval_days: 14,
    last_fed_at: "2026-11-16T08:00:00Z",
    last_outcome: "accepted",
    next_feed_due: "2026-11-30T08:00:00Z",
    next_offer_at: "2026-11-30T08:00:00Z",
    overdue_days: 0,
    quick_log: { kind: "feeding", outcome: "accepted", ...quick },
    ...overrides,
  };
}

const rat = { prey_type: "rat", prey_size: "medium", prey_count: 1 };
const crickets = { prey_type: "cricket", prey_size: "small", prey_count: 6 };

describe("the feed form as it opens", () => {
  beforeEach(() => localStorage.clear());

  it("uses the animals' shared usual meal and starts at 'ate'", () => {
    const form = initialFeedForm([due("a", rat), due("b", rat)], null);
    expect(form).toEqual({ outcome: "accepted", usual: false, meal: { preyType: "rat", preySize: "medium", preyCount: "1" } });
  });

  it("offers each animal's own meal on a mixed rack", () => {
    const form = initialFeedForm([due("a", rat), due("b", crickets)], null);
    expect(form.usual).toBe(true);
  });

  it("cannot use usual meals when an animal never ate", () => {
    const selected = [due("a", rat), due("b")];
    expect(canUseUsual(selected)).toBe(false);
    expect(initialFeedForm(selected, null).usual).toBe(false);
  });

  it("remembers the last batch's meal per vivarium, but never a refusal", () => {
    rememberFeed(localStorage, "v1", { outcome: "refused", usual: false, meal: { preyType: "mouse", preySize: "hopper", preyCount: "2" } });
    const recalled = recalledFeed(localStorage, "v1");
    expect(recalled).toEqual({ usual: false, meal: { preyType: "mouse", preySize: "hopper", preyCount: "2" } });
    const form = initialFeedForm([due("a", rat)], recalled);
    expect(form.meal.preyType).toBe("mouse");
    expect(form.outcome).toBe("accepted");
    expect(recalledFeed(localStorage, "v2")).toBeNull();
  });

  it("ignores a damaged stored value", () => {
    localStorage.setItem("reptidex.batch-feed.v1", "{not json");
    expect(recalledFeed(localStorage, "v1")).toBeNull();
  });
});

describe("the batch request", () => {
  it("gives every animal the same meal", () => {
    const body = feedBatch([due("a", rat), due("b")], {
      outcome: "refused",
      usual: false,
      meal: { preyType: " rat ", preySize: "", preyCount: "2" },
    });
    expect(body.entries).toEqual([
      { animal_id: "a", kind: "feeding", prey_type: "rat", prey_size: null, prey_count: 2, outcome: "refused" },
      { animal_id: "b", kind: "feeding", prey_type: "rat", prey_size: null, prey_count: 2, outcome: "refused" },
    ]);
  });

  it("gives each animal its own usual meal", () => {
    const body = feedBatch([due("a", rat), due("b", crickets)], { outcome: "accepted", usual: true, meal: { preyType: "", preySize: "", preyCount: "1" } });
    expect(body.entries?.map((entry) => entry.kind === "feeding" && [entry.prey_type, entry.prey_size, entry.prey_count])).toEqual([
      ["rat", "medium", 1],
      ["cricket", "small", 6],
    ]);
  });

  it("asks for the prey and a sensible count when one meal is shared", () => {
    const problems = feedProblems({ outcome: "accepted", usual: false, meal: { preyType: " ", preySize: "", preyCount: "0" } }, [due("a")]);
    expect(problems.preyType).toBeTruthy();
    expect(problems.preyCount).toMatch(/1 to 100/);
  });

  it("words the outcome for the toast", () => {
    expect(fedMessage(1, "accepted")).toBe("Fed 1 animal");
    expect(fedMessage(2, "refused")).toBe("2 refusals logged; offer again tomorrow");
    expect(mealText({ preyType: "cricket", preySize: "small", preyCount: "6" })).toBe("6 small crickets");
    expect(mealText({ preyType: "rat", preySize: "", preyCount: "1" })).toBe("1 rat");
  });
});

describe("weighing", () => {
  it("reads grams as typed on a phone, with a comma or a point", () => {
    expect(parseGrams("45")).toBe(45);
    expect(parseGrams(" 45,5 ")).toBe(45.5);
    expect(parseGrams("0")).toBeNull();
    expect(parseGrams("12g")).toBeNull();
  });

  it("skips empty inputs and names the bad ones", () => {
    const result = weighBatch([
      { animalId: "a", grams: "1250" },
      { animalId: "b", grams: "" },
      { animalId: "c", grams: "abc" },
    ]);
    expect(result.count).toBe(1);
    expect(result.body).toEqual({ entries: [{ animal_id: "a", kind: "weight", grams: 1250 }] });
    expect(Object.keys(result.errors)).toEqual(["c"]);
    expect(weighBatch([{ animalId: "a", grams: "" }]).body).toBeNull();
  });

  it("flags an extra zero", () => {
    expect(unlikelyWeight(12500, 1250)).toBe(true);
    expect(unlikelyWeight(1300, 1250)).toBe(false);
    expect(unlikelyWeight(30, null)).toBe(false);
  });
});

describe("plain words", () => {
  it("puts a refusal first, in red", () => {
    const note = feedingNote(due("a", rat, { last_outcome: "refused", overdue_days: 15 }), "2026-11-30");
    expect(note.tone).toBe("red");
    expect(note.text).toMatch(/^Refused its last meal/);
  });

  it("says how overdue and when it last ate", () => {
    const note = feedingNote(due("a", rat, { overdue_days: 3, last_fed_at: "2026-11-13T10:00:00Z" }), "2026-11-30");
    expect(note.text).toBe("3 days overdue · ate 17 days ago · every 14 days");
  });

  it("knows an animal never fed", () => {
    expect(feedingNote(due("a", {}, { last_fed_at: null, last_outcome: null }), "2026-11-30").text).toMatch(/^Never fed/);
  });

  it("names each animal a refused batch could not log", () => {
    const error = new ApiProblem(422, {
      detail: "1 entry cannot be logged; nothing was written.",
      errors: [{ index: 1, field: "entries.1.animal_id", message: "This animal is archived; its record is read-only." } as never],
    });
    expect(batchRejections(error, ["BP-001", "BP-002 · Nova"])).toEqual(["BP-002 · Nova: This animal is archived; its record is read-only."]);
    expect(batchRejections(new Error("offline"), ["BP-001"])).toEqual([]);
  });
});
