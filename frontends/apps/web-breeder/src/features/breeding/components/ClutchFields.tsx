import { TextAreaField, TextField } from "@reptidex/ui";

import type { Species } from "../../../queries/catalogue";
import type { ClutchDraft, ClutchProblems } from "../clutchForm";
import { decimal } from "../clutchForm";
import { formatDate, localToday } from "../dates";
import { expectedHatchDate, expectedIncubationDays, incubationRange } from "../incubation";

/** The API's field names for each input, to place its 422 messages. */
const SERVER_FIELD: Record<keyof ClutchProblems, string> = {
  laidDate: "laid_date",
  total: "eggs_total",
  fertile: "eggs_fertile",
  infertile: "eggs_infertile",
  tempC: "incubation_temp_c",
  humidity: "incubation_humidity_pct",
};

/**
 * The clutch's fields (laying a clutch and correcting one), with the expected hatch date
 * worked out from the species' incubation data as the breeder types the temperature.
 */
export function ClutchFields({
  draft,
  onChange,
  problems,
  serverErrors,
  species,
}: {
  draft: ClutchDraft;
  onChange: (field: keyof ClutchDraft, value: string) => void;
  problems: ClutchProblems;
  serverErrors: Record<string, string>;
  species: Species | undefined;
}) {
  const error = (field: keyof ClutchProblems) => problems[field] ?? serverErrors[SERVER_FIELD[field]];
  const temp = draft.tempC.trim() ? decimal(draft.tempC) : null;
  const days = species ? expectedIncubationDays(species, temp) : null;
  const expected = draft.laidDate && days !== null ? expectedHatchDate(draft.laidDate, days) : null;
  const range = incubationRange(species);
  return (
    <div className="flex flex-col gap-4">
      <TextField
        label="Laid on"
        type="date"
        required
        max={localToday()}
        value={draft.laidDate}
        onChange={(event) => onChange("laidDate", event.target.value)}
        error={error("laidDate")}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Eggs</legend>
        <div className="grid grid-cols-3 gap-3">
          <TextField
            label="Total"
            inputMode="numeric"
            pattern="[0-9]*"
            required
            value={draft.total}
            onChange={(event) => onChange("total", event.target.value)}
            error={error("total")}
          />
          <TextField
            label="Fertile"
            inputMode="numeric"
            pattern="[0-9]*"
            value={draft.fertile}
            onChange={(event) => onChange("fertile", event.target.value)}
            error={error("fertile")}
          />
          <TextField
            label="Infertile"
            inputMode="numeric"
            pattern="[0-9]*"
            value={draft.infertile}
            onChange={(event) => onChange("infertile", event.target.value)}
            error={error("infertile")}
          />
        </div>
        <p className="text-xs text-stone-600 dark:text-stone-400">Correct fertile and infertile later, after candling.</p>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Incubation °C"
          inputMode="decimal"
          placeholder={species?.incubation_temp_min_c ? `e.g. ${Number(species.incubation_temp_min_c)}` : "e.g. 29.5"}
          value={draft.tempC}
          onChange={(event) => onChange("tempC", event.target.value)}
          error={error("tempC")}
        />
        <TextField
          label="Humidity %"
          inputMode="numeric"
          pattern="[0-9]*"
          value={draft.humidity}
          onChange={(event) => onChange("humidity", event.target.value)}
          error={error("humidity")}
        />
      </div>
      <p
        aria-live="polite"
        className="rounded-lg bg-teal-50 px-3 py-2 text-sm text-teal-900 dark:bg-teal-950/60 dark:text-teal-100"
      >
        {expected
          ? `Expected to hatch around ${formatDate(expected)} (${days} days${temp !== null ? ` at ${temp} °C` : ", the middle of the species' range"}).`
          : species
            ? `${species.common_name} has no incubation data, so there is no expected hatch date.`
            : "The expected hatch date is worked out from the species' incubation data."}
        {range ? <span className="block text-xs opacity-80">{species?.common_name}: {range}.</span> : null}
      </p>
      <TextAreaField label="Notes (optional)" rows={2} maxLength={5000} value={draft.notes} onChange={(event) => onChange("notes", event.target.value)} />
    </div>
  );
}
