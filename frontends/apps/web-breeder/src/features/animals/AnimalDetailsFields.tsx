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

interface FieldsProps {
  values: AnimalFormValues;
  onChange: (values: AnimalFormValues) => void;
  errors: Record<string, string>;
}

function setter({ values, onChange }: FieldsProps) {
  return <K extends keyof AnimalFormValues>(key: K, value: AnimalFormValues[K]) => onChange({ ...values, [key]: value });
}

/** What a breeder fills in for every animal: sex, name, hatch date and morph. */
export function EssentialFields(props: FieldsProps) {
  const { values, errors } = props;
  const set = setter(props);
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
          max={todayIso()}
          value={values.hatch_date}
          onChange={(event) => set("hatch_date", event.target.value)}
          error={errors.hatch_date}
          hint="Leave empty if unknown. Parents must be older than their offspring."
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
    </>
  );
}

export const MORE_FIELDS = [
  "display_id",
  "microchip",
  "status",
  "visibility",
  "feeding_interval_days",
  "acquisition_date",
  "acquisition_source",
  "notes",
] as const;

/** The rest of the record: id, tag, status, visibility, care interval, origin and notes. */
export function MoreFields(props: FieldsProps & { displayIdHint: string; visibilityLocked?: string }) {
  const { values, errors, displayIdHint, visibilityLocked } = props;
  const set = setter(props);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
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
          max={todayIso()}
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

/** Every field of an animal's record, as "Edit details" shows them. */
export function AnimalDetailsFields(props: FieldsProps & { displayIdHint: string; visibilityLocked?: string }) {
  return (
    <>
      <EssentialFields {...props} />
      <MoreFields {...props} />
    </>
  );
}

export const DETAIL_FIELDS = ["sex", "name", "hatch_date", "morph", ...MORE_FIELDS] as const;
