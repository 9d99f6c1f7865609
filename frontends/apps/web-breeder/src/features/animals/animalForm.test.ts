import { ApiProblem } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import type { Animal } from "../../queries/animals";
import { checkAnimalForm, createBody, emptyAnimalForm, formFromAnimal, updateBody } from "./animalForm";
import { formFailure } from "./formFailure";

const ANIMAL = {
  id: "a1",
  vivarium_id: "v1",
  species_id: "s1",
  display_id: "BP-004",
  name: "Nova",
  sex: "female",
  hatch_date: "2024-05-01",
  status: "active",
  visibility: "private",
  morph: "Pastel Clown",
  microchip: null,
  notes: null,
  feeding_interval_days: 10,
  acquisition_date: null,
  acquisition_source: null,
} as unknown as Animal;

describe("createBody", () => {
  it("sends blanks as null so the server numbers the id and leaves fields empty", () => {
    const body = createBody(
      { ...emptyAnimalForm(), name: "  Nova ", sex: "female", feeding_interval_days: "7" },
      { vivariumId: "v1", speciesId: "s1", sireId: "m1", damId: null },
    );
    expect(body).toMatchObject({
      vivarium_id: "v1",
      species_id: "s1",
      sex: "female",
      name: "Nova",
      display_id: null,
      hatch_date: null,
      morph: null,
      feeding_interval_days: 7,
      sire_id: "m1",
      dam_id: null,
    });
  });
});

describe("updateBody", () => {
  it("sends nothing when nothing changed", () => {
    expect(updateBody(formFromAnimal(ANIMAL), ANIMAL)).toEqual({});
  });

  it("sends only the changed fields, a cleared one as null", () => {
    const values = { ...formFromAnimal(ANIMAL), name: "", morph: "Pastel Clown ", status: "holdback" as const };
    expect(updateBody(values, ANIMAL)).toEqual({ name: null, status: "holdback" });
  });

  it("never clears the display id, which cannot be removed", () => {
    expect(updateBody({ ...formFromAnimal(ANIMAL), display_id: " " }, ANIMAL)).toEqual({});
    expect(updateBody({ ...formFromAnimal(ANIMAL), display_id: "NOVA-1" }, ANIMAL)).toEqual({ display_id: "NOVA-1" });
  });

  it("clears the feeding interval back to the species default", () => {
    expect(updateBody({ ...formFromAnimal(ANIMAL), feeding_interval_days: "" }, ANIMAL)).toEqual({
      feeding_interval_days: null,
    });
  });
});

describe("checkAnimalForm", () => {
  const today = "2026-03-01";
  it("refuses dates in the future and a purchase before hatching", () => {
    expect(checkAnimalForm({ ...emptyAnimalForm(), hatch_date: "2026-03-02" }, today)).toHaveProperty("hatch_date");
    expect(
      checkAnimalForm({ ...emptyAnimalForm(), hatch_date: "2025-01-02", acquisition_date: "2025-01-01" }, today),
    ).toHaveProperty("acquisition_date");
    expect(checkAnimalForm({ ...emptyAnimalForm(), hatch_date: "2026-03-01" }, today)).toEqual({});
  });

  it("wants a whole number of days for the feeding interval", () => {
    expect(checkAnimalForm({ ...emptyAnimalForm(), feeding_interval_days: "1.5" }, today)).toHaveProperty(
      "feeding_interval_days",
    );
    expect(checkAnimalForm({ ...emptyAnimalForm(), feeding_interval_days: "400" }, today)).toHaveProperty(
      "feeding_interval_days",
    );
    expect(checkAnimalForm({ ...emptyAnimalForm(), feeding_interval_days: "14" }, today)).toEqual({});
  });
});

describe("formFailure", () => {
  const labels = { sire_id: "Sire", hatch_date: "Hatch date", enclosure_id: "Enclosure" };

  it("puts a lineage refusal on its field and says it in words at the top", () => {
    const problem = new ApiProblem(422, {
      title: "Lineage rule broken",
      detail: "The sire hatched on 2025-01-01, not before this animal (2024-01-01).",
      errors: [{ field: "sire_id", message: "The sire hatched on 2025-01-01, not before this animal (2024-01-01).", type: "lineage" }],
    });
    const failure = formFailure(problem, labels, ["sire_id", "hatch_date"]);
    expect(failure.fields.sire_id).toMatch(/not before this animal/);
    expect(failure.summary?.message).toBe(
      "Sire: The sire hatched on 2025-01-01, not before this animal (2024-01-01).",
    );
    expect(failure.summary?.message).not.toContain("sire_id");
  });

  it("names fields the form does not show in the summary", () => {
    const problem = new ApiProblem(422, {
      errors: [
        { loc: ["body", "hatch_date"], msg: "cannot be in the future" },
        { field: "enclosure_id", message: "There is no such enclosure." },
      ],
    });
    expect(formFailure(problem, labels, ["hatch_date"]).summary?.message).toBe("Enclosure: There is no such enclosure.");
  });

  it("shows a taken display id on the display id field", () => {
    const problem = new ApiProblem(409, {
      type: "https://reptidex.app/problems/display-id-taken",
      detail: "Another animal in this vivarium already has the id BP-001.",
    });
    const failure = formFailure(problem, labels, ["display_id"]);
    expect(failure.fields.display_id).toBe("Another animal in this vivarium already has the id BP-001.");
    expect(failure.summary?.title).toBe("That conflicts with your records");
  });

  it("explains failures that are not about a field", () => {
    const failure = formFailure(new ApiProblem(403, { detail: "Needs the handler role." }), labels, []);
    expect(failure.fields).toEqual({});
    expect(failure.summary?.title).toBe("Not allowed");
  });
});
