import { SelectField, TextAreaField, TextField } from "@reptidex/ui";

import type { AnimalFormValues } from "./animalForm";
import { RadioChips } from "./RadioChips";
import {
  SEXES,
  STATUSES,
  STATUS_LABEL,
  todayIso,
  VISIBILITIES,
  VISIBILITY_HINT,
  VISIBILITY_LABEL,
  type SexValue,
} from "./labels";

const SEX_OPTIONS = SEXES.map((sex) => ({
  value: sex,
  label: { male: "♂ Male", female: "♀ Female", unknown: "Unknown" }[sex],
}));

/** The fields of an animal's record, shared by "New animal" and "Edit details". */
export function AnimalDetailsFields({
  values,
  onChange,
  errors,
  displayIdHint,
  visibilityLocked,
}: {
  values: AnimalFormValues;
  onChange: (values: AnimalFormValues) => void;
  errors: Record<string, string>;
  displayIdHint: string;
  /** Why the visibility cannot be changed here, if it cannot. */
  visibilityLocked?: string;
}) {
  function set<K extends keyof AnimalFormValues>(key: K, value: AnimalFormValues[K]) {
    onChange({ ...values, [key]: value });
  }
  const today = todayIso();
  return (
    <>
      <RadioChips<SexValue>
        label="Sex"
        name="sex"
        value={values.sex}
        options={SEX_OPTIONS}
        onChange={(sex) => set("sex", sex)}
        error={errors.sex}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          value={values.name}
          maxLength={120}
          onChange={(event) => set("name", event.target.value)}
          error={errors.name}
          hint="Optional."
        />
        <TextField
          label="Hatch date"
          type="date"
          max={today}
          value={values.hatch_date}
          onChange={(event) => set("hatch_date", event.target.value)}
          error={errors.hatch_date}
          hint="Leave empty if unknown. Parents must be older than their offspring."
        />
        <TextField
          label="Display id"
          value={values.display_id}
          maxLength={40}
          autoCapitalize="characters"
          onChange={(event) => set("display_id", event.target.value)}
          error={errors.display_id}
          hint={displayIdHint}
        />
        <TextField
          label="Microchip or tag"
          value={values.microchip}
          maxLength={40}
          onChange={(event) => set("microchip", event.target.value)}
          error={errors.microchip}
        />
      </div>
      <TextField
        label="Morph description"
        value={values.morph}
        maxLength={200}
        onChange={(event) => set("morph", event.target.value)}
        error={errors.morph}
        hint="Free text as you would write it on a label, e.g. “Pastel Clown 66% het Pied”. The genotype is recorded separately."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Status"
          value={values.status}
          onChange={(event) => set("status", event.target.value as AnimalFormValues["status"])}
          error={errors.status}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Visibility"
          value={values.visibility}
          disabled={Boolean(visibilityLocked)}
          onChange={(event) => set("visibility", event.target.value as AnimalFormValues["visibility"])}
          error={errors.visibility}
          hint={visibilityLocked ?? VISIBILITY_HINT[values.visibility]}
        >
          {VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {VISIBILITY_LABEL[visibility]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Feeding interval (days)"
          inputMode="numeric"
          value={values.feeding_interval_days}
          onChange={(event) => set("feeding_interval_days", event.target.value)}
          error={errors.feeding_interval_days}
          hint="Empty: the species' usual interval. Decides when it shows as due on Today."
        />
        <TextField
          label="Acquired on"
          type="date"
          max={today}
          value={values.acquisition_date}
          onChange={(event) => set("acquisition_date", event.target.value)}
          error={errors.acquisition_date}
        />
      </div>
      <TextField
        label="Acquired from"
        value={values.acquisition_source}
        maxLength={200}
        onChange={(event) => set("acquisition_source", event.target.value)}
        error={errors.acquisition_source}
        hint="Breeder, shop or show; empty if you hatched it."
      />
      <TextAreaField
        label="Notes"
        value={values.notes}
        maxLength={10_000}
        onChange={(event) => set("notes", event.target.value)}
        error={errors.notes}
      />
    </>
  );
}

export const DETAIL_FIELDS = [
  "sex",
  "name",
  "hatch_date",
  "display_id",
  "microchip",
  "morph",
  "status",
  "visibility",
  "feeding_interval_days",
  "acquisition_date",
  "acquisition_source",
  "notes",
] as const;
