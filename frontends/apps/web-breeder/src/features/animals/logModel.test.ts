import type { AnimalSchemas } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import { checkDraft, describeLog, draftToBody, emptyDraft, localDateTime, parseDecimal } from "./logModel";

const NOW = new Date("2026-03-01T12:00:00Z");

function log(partial: Partial<AnimalSchemas["LogRead"]>): AnimalSchemas["LogRead"] {
  return {
    id: "l1",
    animal_id: "a1",
    vivarium_id: "v1",
    kind: "note",
    occurred_at: "2026-03-01T10:00:00Z",
    details: {},
    created_at: "2026-03-01T10:00:00Z",
    ...partial,
  };
}

describe("parseDecimal", () => {
  it("reads a comma or a point as the decimal separator", () => {
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal(" 1250.5 ")).toBe(1250.5);
    expect(parseDecimal("12g")).toBeNaN();
  });
});

describe("checkDraft", () => {
  it("asks for what each kind needs", () => {
    expect(Object.keys(checkDraft(emptyDraft("feeding", NOW), NOW))).toEqual(["prey_type"]);
    expect(Object.keys(checkDraft(emptyDraft("weight", NOW), NOW))).toEqual(["grams"]);
    expect(Object.keys(checkDraft(emptyDraft("health", NOW), NOW))).toEqual(["notes"]);
    expect(Object.keys(checkDraft(emptyDraft("medication", NOW), NOW))).toEqual(["drug", "dose"]);
    expect(checkDraft(emptyDraft("shed", NOW), NOW)).toEqual({});
    expect(checkDraft(emptyDraft("cleaning", NOW), NOW)).toEqual({});
  });

  it("refuses a time in the future and a weight of zero", () => {
    const later = { ...emptyDraft("weight", NOW), grams: "0", occurred_at: localDateTime(new Date(NOW.getTime() + 3_600_000)) };
    expect(Object.keys(checkDraft(later, NOW)).sort()).toEqual(["grams", "occurred_at"]);
  });
});

describe("draftToBody", () => {
  it("sends a weight with its length, in numbers", () => {
    const draft = { ...emptyDraft("weight", NOW), grams: "85,5", length_cm: "42" };
    expect(draftToBody(draft)).toEqual({
      kind: "weight",
      occurred_at: new Date(draft.occurred_at).toISOString(),
      grams: 85.5,
      length_cm: 42,
      notes: null,
    });
  });

  it("sends a feeding with exactly the feeding fields", () => {
    const body = draftToBody({ ...emptyDraft("feeding", NOW), prey_type: " rat ", prey_size: "small", prey_count: "2", outcome: "refused" });
    expect(body).toMatchObject({ kind: "feeding", prey_type: "rat", prey_size: "small", prey_count: 2, outcome: "refused" });
    expect(Object.keys(body).sort()).toEqual(["kind", "notes", "occurred_at", "outcome", "prey_count", "prey_size", "prey_type"]);
  });

  it("sends the local time the breeder entered as an instant", () => {
    const draft = { ...emptyDraft("cleaning", NOW), occurred_at: "2026-02-28T08:30" };
    expect((draftToBody(draft) as { occurred_at: string }).occurred_at).toBe(new Date(2026, 1, 28, 8, 30).toISOString());
  });
});

describe("describeLog", () => {
  it("writes each kind as a breeder would", () => {
    expect(describeLog(log({ kind: "feeding", prey_type: "rat", prey_size: "small", prey_count: 2, feeding_outcome: "accepted" }))).toBe(
      "Ate: 2 small rat",
    );
    expect(describeLog(log({ kind: "feeding", prey_type: "mouse", prey_count: 1, feeding_outcome: "refused" }))).toBe("Refused: mouse");
    expect(describeLog(log({ kind: "weight", weight_grams: 1250, length_cm: 90 }))).toBe("1.25 kg · 90 cm");
    expect(describeLog(log({ kind: "shed", shed_complete: false }))).toBe("Incomplete shed");
    expect(describeLog(log({ kind: "medication", details: { drug: "Baytril", dose: "0.1 ml" } }))).toBe("Baytril, 0.1 ml");
  });
});
