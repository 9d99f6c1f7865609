import { Badge } from "@reptidex/ui";
import { ChevronRight } from "lucide-react";
import { Link } from "react-router";

import { formatDate } from "../dates";
import { latestEvent, STATUS_LABEL, STATUS_MEANING, STATUS_TONE, type Pairing } from "../pairingStatus";
import { ParentPair } from "./ParentPair";

/** Pairings as tappable rows: sire × dam, species and season, status, the latest event. */
export function PairingList({ pairings, speciesName }: { pairings: Pairing[]; speciesName: (id: string) => string | undefined }) {
  return (
    <ul className="flex flex-col divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
      {pairings.map((pairing) => {
        const latest = latestEvent(pairing.events);
        return (
          <li key={pairing.id}>
            <Link
              to={`/breeding/pairings/${pairing.id}`}
              className="flex min-h-16 items-center gap-3 px-4 py-3 hover:bg-stone-50 focus-visible:bg-stone-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-600 dark:hover:bg-stone-800/60 dark:focus-visible:bg-stone-800/60"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  <ParentPair sire={pairing.sire} dam={pairing.dam} />
                </p>
                <p className="mt-0.5 text-sm text-stone-600 dark:text-stone-400">
                  {[
                    speciesName(pairing.species_id),
                    pairing.season ? `Season ${pairing.season}` : "No season",
                    latest ? `${latest.label} ${formatDate(latest.date)}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </div>
              <Badge tone={STATUS_TONE[pairing.status]} title={STATUS_MEANING[pairing.status]}>
                {STATUS_LABEL[pairing.status]}
              </Badge>
              <ChevronRight aria-hidden="true" size={18} className="shrink-0 text-stone-400" />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
