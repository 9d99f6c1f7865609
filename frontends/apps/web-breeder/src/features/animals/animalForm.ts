import type { AnimalSchemas } from "@reptidex/api-client";

import type { Animal } from "../../queries/animals";
import type { AnimalStatus, SexValue, Visibility } from "./labels";

type AnimalCreate = AnimalSchemas["AnimalCreate"];
type AnimalUpdate = AnimalSchemas["AnimalUpdate"];

/** The animal's editable details as a form holds them: text, exactly as typed. */
export interface AnimalFormValues {
  sex: SexValue;
  name: string;
  hatch_date: string;
  display_id: string;
  morph: string;
  status: AnimalStatus;
  visibility: Visibility;
  microchip: string;
  feeding_interval_days: string;
  acquisition_date: string;
  acquisition_source: string;
  notes: string;
}

export const FIELD_LABELS: Record<string, string> = {
  species_id: "Species",
  sex: "Sex",
  name: "Name",
  hatch_date: "Hatch date",
  display_id: "Display id",
  morph: "Morph description",
  status: "Status",
  visibility: "Visibility",
  microchip: "Microchip or tag",
  feeding_interval_days: "Feeding interval",
  acquisition_date: "Acquired on",
  acquisition_source: "Acquired from",
  notes: "Notes",
  sire_id: "Sire",
  dam_id: "Dam",
};

export function emptyAnimalForm(): AnimalFormValues {
  return {
    sex: "unknown",
    name: "",
    hatch_date: "",
    display_id: "",
    morph: "",
    status: "active",
    visibility: "private",
    microchip: "",
    feeding_interval_days: "",
    acquisition_date: "",
    acquisition_source: "",
    notes: "",
  };
}

export function formFromAnimal(animal: Animal): AnimalFormValues {
  return {
    sex: animal.sex,
    name: animal.name ?? "",
    hatch_date: animal.hatch_date ?? "",
    display_id: animal.display_id,
    morph: animal.morph ?? "",
    status: animal.status,
    visibility: animal.visibility,
    microchip: animal.microchip ?? "",
    feeding_interval_days: animal.feeding_interval_days ? String(animal.feeding_interval_days) : "",
    acquisition_date: animal.acquisition_date ?? "",
    acquisition_source: animal.acquisition_source ?? "",
    notes: animal.notes ?? "",
  };
}

function text(value: string): string | null {
  return value.trim() || null;
}

function interval(value: string): number | null {
  return value.trim() ? Number(value) : null;
}

/** Problems the form can see before asking the server, keyed like the server's field errors. */
export function checkAnimalForm(values: AnimalFormValues, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.hatch_date && values.hatch_date > today) errors.hatch_date = "The hatch date cannot be in the future.";
  if (values.acquisition_date && values.acquisition_date > today)
    errors.acquisition_date = "The acquisition date cannot be in the future.";
  if (values.acquisition_date && values.hatch_date && values.acquisition_date < values.hatch_date)
    errors.acquisition_date = "An animal cannot be acquired before it hatched.";
  const days = values.feeding_interval_days.trim();
  if (days && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 365))
    errors.feeding_interval_days = "A whole number of days from 1 to 365, or empty to use the species' interval.";
  return errors;
}

export function createBody(
  values: AnimalFormValues,
  context: { vivariumId: string; speciesId: string; sireId: string | null; damId: string | null },
): AnimalCreate {
  return {
    vivarium_id: context.vivariumId,
    species_id: context.speciesId,
    sex: values.sex,
    status: values.status,
    visibility: values.visibility,
    // Empty: the vivarium's template numbers it (e.g. BP-004).
    display_id: text(values.display_id),
    name: text(values.name),
    hatch_date: values.hatch_date || null,
    morph: text(values.morph),
    microchip: text(values.microchip),
    feeding_interval_days: interval(values.feeding_interval_days),
    acquisition_date: values.acquisition_date || null,
    acquisition_source: text(values.acquisition_source),
    notes: values.notes.trim() ? values.notes : null,
    sire_id: context.sireId,
    dam_id: context.damId,
  };
}

/**
 * Only the fields the breeder changed, so an edit never overwrites what someone else saved
 * meanwhile in a field this form did not touch. A cleared field is sent as null.
 */
export function updateBody(values: AnimalFormValues, animal: Animal): AnimalUpdate {
  const before = formFromAnimal(animal);
  const body: AnimalUpdate = {};
  if (values.sex !== before.sex) body.sex = values.sex;
  if (values.status !== before.status) body.status = values.status;
  if (values.visibility !== before.visibility) body.visibility = values.visibility;
  // The display id cannot be removed, only replaced.
  if (text(values.display_id) && values.display_id.trim() !== before.display_id) body.display_id = values.display_id.trim();
  const texts = ["name", "morph", "microchip", "acquisition_source"] as const;
  for (const field of texts) {
    if (values[field].trim() !== before[field].trim()) body[field] = text(values[field]);
  }
  if (values.notes !== before.notes) body.notes = values.notes.trim() ? values.notes : null;
  if (values.hatch_date !== before.hatch_date) body.hatch_date = values.hatch_date || null;
  if (values.acquisition_date !== before.acquisition_date) body.acquisition_date = values.acquisition_date || null;
  if (values.feeding_interval_days.trim() !== before.feeding_interval_days)
    body.feeding_interval_days = interval(values.feeding_interval_days);
  return body;
}
