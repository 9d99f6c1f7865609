import { GenotypeList, SEX_LABEL, sortGenes } from "@reptidex/ui";

import type { AnimalSnapshot } from "./transferModel";

/** What the transfer carries: the animal's facts, genes and parents as the snapshot recorded them. */
export function SnapshotDetails({ snapshot }: { snapshot: AnimalSnapshot }) {
  const facts: [string, string][] = [
    ["Species", snapshot.species ?? "—"],
    ["Sex", SEX_LABEL[snapshot.sex]],
    ["Hatched", snapshot.hatchDate ?? "Unknown"],
  ];
  if (snapshot.morph) facts.push(["Morph", snapshot.morph]);
  if (snapshot.sire) facts.push(["Sire", snapshot.sire.label]);
  if (snapshot.dam) facts.push(["Dam", snapshot.dam.label]);
  if (snapshot.microchip) facts.push(["Microchip", snapshot.microchip]);
  if (snapshot.coi !== null) facts.push(["COI", `${(snapshot.coi * 100).toFixed(1)} %`]);
  facts.push(["Husbandry logs", snapshot.logCount === 1 ? "1 entry" : `${snapshot.logCount} entries`]);
  return (
    <div className="flex flex-col gap-2">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-stone-600 dark:text-stone-400">{term}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {snapshot.genes.length ? <GenotypeList genes={sortGenes(snapshot.genes)} /> : null}
    </div>
  );
}
