import { describe, expect, it } from "vitest";

import { blankReminder, createBody, draftFromReminder, intervalOf, recurrenceText, reminderProblems, updateBody } from "./recurrence";

const reminder = {
  id: "r1",
  vivarium_id: "v1",
  animal_id: null,
  enclosure_id: null,
  title: "Deep clean Rack A tubs",
  kind: "cleaning" as const,
  interval_days: 30,
  next_due_at: new Date(2026, 11, 2, 9, 30).toISOString(),
  last_fired_at: null,
  active: true,
  created_by_id: null,
  created_at: "2026-11-30T07:29:50Z",
};

describe("recurrence", () => {
  it("reads like a keeper says it", () => {
    expect(recurrenceText(null)).toBe("Once");
    expect(recurrenceText(1)).toBe("Every day");
    expect(recurrenceText(7)).toBe("Every week");
    expect(recurrenceText(14)).toBe("Every 2 weeks");
    expect(recurrenceText(30)).toBe("Every 30 days");
  });

  it("takes a custom number of days and refuses nonsense", () => {
    expect(intervalOf({ repeat: "custom", customDays: "10" })).toBe(10);
    const draft = { ...blankReminder(), title: "Mist", repeat: "custom", customDays: "0" };
    expect(reminderProblems(draft).customDays).toMatch(/1 to 3650/);
  });
});

describe("reminder form", () => {
  it("starts tomorrow at nine, once, for the whole vivarium", () => {
    const draft = blankReminder(new Date(2026, 10, 30, 22, 15));
    expect(draft).toMatchObject({ date: "2026-12-01", time: "09:00", repeat: "once", target: "vivarium" });
  });

  it("asks for a title and the animal when it is for one", () => {
    const problems = reminderProblems({ ...blankReminder(), target: "animal" });
    expect(Object.keys(problems).sort()).toEqual(["animal", "title"]);
  });

  it("builds the create request with the local time as an instant", () => {
    const body = createBody({ ...blankReminder(), title: " Weigh hatchlings ", target: "animal", animalId: "a1", repeat: "7", kind: "weight", date: "2026-12-01", time: "08:00" });
    expect(body).toEqual({
      title: "Weigh hatchlings",
      animal_id: "a1",
      enclosure_id: null,
      kind: "weight",
      interval_days: 7,
      next_due_at: new Date(2026, 11, 1, 8, 0).toISOString(),
    });
  });

  it("round-trips a saved reminder and sends only what changed", () => {
    const draft = draftFromReminder(reminder);
    expect(draft).toMatchObject({ repeat: "30", date: "2026-12-02", time: "09:30", kind: "cleaning" });
    expect(updateBody(draft, reminder)).toEqual({});
    expect(updateBody({ ...draft, repeat: "once", title: "Deep clean" }, reminder)).toEqual({ title: "Deep clean", interval_days: null });
    expect(updateBody({ ...draft, time: "10:00" }, reminder)).toEqual({ next_due_at: new Date(2026, 11, 2, 10, 0).toISOString() });
  });
});
