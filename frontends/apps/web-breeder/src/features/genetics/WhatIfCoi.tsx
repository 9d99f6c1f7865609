import { ErrorState, Skeleton } from "@reptidex/ui";

import { explain } from "../../lib/problems";
import { animalLabel } from "../../queries/animals";
import { CoiSummary } from "./CoiSummary";
import { useWhatIfCoi } from "./queries";
import { ancestorDistance } from "./request";

/** The inbreeding the offspring of two real animals would have, and the ancestors they share. */
export function WhatIfCoi({ pair }: { pair: { sireId: string; damId: string } }) {
  const query = useWhatIfCoi(pair);
  if (query.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-9 w-56" />
      </div>
    );
  }
  if (query.isError) {
    const { title, message, next } = explain(query.error);
    return <ErrorState title={title} message={message} next={next} />;
  }
  const { coi, generations, common_ancestors: common } = query.data;
  return (
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
  );
}
