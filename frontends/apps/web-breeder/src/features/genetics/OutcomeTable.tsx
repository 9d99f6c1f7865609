import { Badge, Button, cx } from "@reptidex/ui";
import { useState } from "react";

import {
  combinationText,
  formatPercent,
  oddsText,
  otherOutcomesText,
  sortOutcomes,
  worstSeverity,
  type OtherOutcomes,
  type Outcome,
} from "./format";

// Enough for every ordinary pairing; a many-gene pairing opens the rest on request.
const FIRST_ROWS = 32;

/**
 * The outcomes, most likely first: odds as a percent and a fraction, the look, what it carries.
 * A many-gene pairing lists its likeliest outcomes and groups the rest (`other`) with their
 * exact count and odds; `onListMore` asks the calculator to list more of them.
 */
export function OutcomeTable({
  outcomes,
  other = null,
  onListMore,
}: {
  outcomes: readonly Outcome[];
  other?: OtherOutcomes | null;
  onListMore?: () => void;
}) {
  const [all, setAll] = useState(false);
  const sorted = sortOutcomes(outcomes);
  const shown = all ? sorted : sorted.slice(0, FIRST_ROWS);
  const flagged = sorted.some((outcome) => outcome.warnings.length);

  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto rounded-xl border border-stone-200 dark:border-stone-800">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Offspring outcomes, most likely first</caption>
          <thead className="bg-stone-100 text-xs tracking-wide text-stone-700 uppercase dark:bg-stone-800 dark:text-stone-300">
            <tr>
              <th scope="col" className="px-3 py-2 whitespace-nowrap">
                Chance
              </th>
              <th scope="col" className="px-3 py-2">
                Offspring
              </th>
              {flagged ? (
                <th scope="col" className="px-3 py-2">
                  Warnings
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((outcome, index) => {
              const severity = worstSeverity(outcome);
              return (
                <tr
                  key={`${index}-${outcome.phenotype}`}
                  className={cx(
                    "border-t border-stone-200 align-top dark:border-stone-800",
                    severity === "lethal" && "bg-red-50 dark:bg-red-950/40",
                    severity === "welfare" && "bg-amber-50 dark:bg-amber-950/30",
                  )}
                >
                  <td className="px-3 py-2 whitespace-nowrap">
                    <span className="block text-base font-semibold tabular-nums">{formatPercent(outcome.probability)}</span>
                    <span className="block text-xs text-stone-600 tabular-nums dark:text-stone-400">
                      {outcome.fraction} · {oddsText(outcome.fraction)}
                    </span>
                  </td>
                  <th scope="row" className="px-3 py-2 font-normal">
                    <span className="block font-semibold">{outcome.visual}</span>
                    {outcome.hets.length ? (
                      <ul className="mt-1 flex flex-wrap gap-1" aria-label="Carries">
                        {outcome.hets.map((het) => (
                          <li key={het}>
                            <Badge tone={het.startsWith("het ") ? "sky" : "neutral"}>{het}</Badge>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {outcome.allelic_combinations.length ? (
                      <span className="mt-1 block text-xs text-stone-600 dark:text-stone-400">
                        {outcome.allelic_combinations.map(combinationText).join(", ")}
                      </span>
                    ) : null}
                  </th>
                  {flagged ? (
                    <td className="px-3 py-2">
                      {outcome.warnings.length ? (
                        <ul className="flex flex-col gap-1">
                          {outcome.warnings.map((warning) => (
                            <li key={`${warning.trait_id}-${warning.kind}`}>
                              <Badge tone={warning.severity === "lethal" ? "red" : "amber"}>
                                <span aria-hidden="true">{warning.severity === "lethal" ? "☠" : "⚠"}</span>
                                {warning.severity === "lethal" ? "Lethal" : "Welfare"}: {warning.trait}
                              </Badge>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="sr-only">None</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
            {other && (all || sorted.length <= FIRST_ROWS) ? (
              <tr className="border-t border-stone-200 align-top dark:border-stone-800">
                <td className="px-3 py-2 whitespace-nowrap">
                  <span className="block text-base font-semibold tabular-nums">{formatPercent(other.probability)}</span>
                  <span className="block text-xs text-stone-600 tabular-nums dark:text-stone-400">{other.fraction}</span>
                </td>
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="block font-semibold">{otherOutcomesText(other)}</span>
                  <span className="block text-xs text-stone-600 dark:text-stone-400">together, not listed one by one</span>
                </th>
                {flagged ? <td className="px-3 py-2" /> : null}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap gap-2">
        {sorted.length > FIRST_ROWS ? (
          <Button variant="secondary" size="sm" onClick={() => setAll((open) => !open)}>
            {all
              ? `Show the ${FIRST_ROWS} likeliest only`
              : `Show all ${sorted.length} ${other ? "listed " : ""}outcomes`}
          </Button>
        ) : null}
        {other && onListMore && (all || sorted.length <= FIRST_ROWS) ? (
          <Button variant="secondary" size="sm" onClick={onListMore}>
            List more outcomes
          </Button>
        ) : null}
      </div>
    </div>
  );
}
