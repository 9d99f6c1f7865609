import { SelectField } from "@reptidex/ui";

import { localToday } from "../dates";
import { seasonChoices } from "../pairingStatus";

/**
 * A pairing's season: next year down to a few years back, or none. `saved` (the pairing's own
 * season) stays a choice when it is older than those.
 */
export function SeasonField({
  value,
  onChange,
  error,
  saved = null,
}: {
  value: string;
  onChange: (season: string) => void;
  error?: string;
  saved?: number | null;
}) {
  const seasons = seasonChoices(Number(localToday().slice(0, 4)));
  if (saved !== null && !seasons.includes(saved)) seasons.push(saved);
  return (
    <SelectField label="Season" value={value} onChange={(event) => onChange(event.target.value)} error={error}>
      {seasons.map((year) => (
        <option key={year} value={year}>
          {year}
        </option>
      ))}
      <option value="">No season</option>
    </SelectField>
  );
}
