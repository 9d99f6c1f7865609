import { animalLabel } from "../../queries/animals";
import { CoiQueryState, CoiSummary } from "./CoiSummary";
import { useWhatIfCoi } from "./queries";
import { ancestorDistance } from "./request";

/** The inbreeding the offspring of two real animals would have, and the ancestors they share. */
export function WhatIfCoi({ pair }: { pair: { sireId: string; damId: string } }) {
  const query = useWhatIfCoi(pair);
  return (
    <CoiQueryState query={query}>
      {({ coi, generations, common_ancestors: common }) => (
        <div className="flex flex-col gap-3">
          <CoiSummary coi={coi} generations={generations} label="Offspring COI of this pairing (what-if)" />
          {common.length ? (
            <div>
              <p className="text-sm font-medium">Ancestors both parents share</p>
              <ul className="mt-1 flex flex-col gap-1 text-sm">
                {common.map((ancestor) => (
                  <li key={ancestor.id}>
                    <span className="font-medium">{animalLabel(ancestor)}</span>: {ancestorDistance(ancestor.from_sire, "sire")}, {ancestorDistance(ancestor.from_dam, "dam")}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </CoiQueryState>
  );
}
