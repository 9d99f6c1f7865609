import { describe, expect, it } from "vitest";

import { dateChange, eventLabel, latestEvent, lifeCycleSteps, pairingEvents, seasonChoices } from "./pairingStatus";

describe("pairing events", () => {
  const events = { laid_at: "2026-07-23", active_at: "2026-06-08", completed_at: "2026-07-23", hatched_at: "2026-09-25" };

  it("lists recorded dates oldest first, same-day steps in life-cycle order", () => {
    expect(pairingEvents(events).map((event) => event.key)).toEqual(["active_at", "laid_at", "completed_at", "hatched_at"]);
  });

  it("names the latest event for list rows", () => {
    expect(latestEvent(events)).toEqual({ key: "hatched_at", label: "Hatched", date: "2026-09-25" });
    expect(latestEvent({})).toBeNull();
  });

  it("reads keys it does not know", () => {
    expect(eventLabel("pre_lay_shed_at")).toBe("Pre-lay shed");
    expect(eventLabel("second_lock_at")).toBe("Second lock");
  });

  it("ignores values that are not dates", () => {
    expect(pairingEvents({ active_at: "2026-06-08", note: 3, odd_at: "soon" })).toHaveLength(1);
  });
});

describe("life cycle steps", () => {
  it("marks steps done, current and ahead", () => {
    const steps = lifeCycleSteps({ status: "locked", events: { active_at: "2026-05-01", locked_at: "2026-05-09" } });
    expect(steps.map((step) => step.state)).toEqual(["done", "done", "current", "ahead", "ahead"]);
    expect(steps[2]!.date).toBe("2026-05-09");
  });

  it("shows steps jumped over as skipped", () => {
    // Eggs prove a pairing took: it can become completed straight from active.
    const steps = lifeCycleSteps({ status: "completed", events: { active_at: "2026-05-01", completed_at: "2026-06-20" } });
    expect(steps.map((step) => step.state)).toEqual(["done", "done", "skipped", "skipped", "current"]);
  });

  it("stops a failed pairing after the last step it reached", () => {
    const steps = lifeCycleSteps({ status: "failed", events: { active_at: "2026-05-01", failed_at: "2026-06-01" } });
    expect(steps.map((step) => step.state)).toEqual(["done", "done", "ahead", "ahead", "ahead"]);
  });
});

it("offers next season and six back", () => {
  expect(seasonChoices(2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020]);
});

describe("dateChange", () => {
  const pairing = { lock_dates: ["2025-02-03", "2025-02-10"] };

  it("corrects the first lock in the list of every lock", () => {
    expect(dateChange(pairing, { kind: "edit", key: "locked_at" }, "locked_at", "2025-02-01")).toEqual({
      lock_dates: ["2025-02-01", "2025-02-10"],
    });
  });

  it("adds a lock, moves the pairing on and dates other steps through events", () => {
    expect(dateChange(pairing, { kind: "add" }, "locked_at", "2025-02-14")).toEqual({ events: { locked_at: "2025-02-14" } });
    expect(dateChange(pairing, { kind: "move", status: "ovulated" }, "ovulated_at", "2025-03-01")).toEqual({
      status: "ovulated",
      events: { ovulated_at: "2025-03-01" },
    });
  });
});
