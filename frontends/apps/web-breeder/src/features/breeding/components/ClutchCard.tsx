import { Badge, cx } from "@reptidex/ui";
import { Link } from "react-router";

import { useAnimal } from "../../../queries/animals";
import { formatDate, plural } from "../dates";
import { countdown, type Clutch } from "../incubation";
import { CountdownBar } from "./CountdownBar";
import { ParentPair, type ParentSummary } from "./ParentPair";

export const CLUTCH_STATUS_LABEL: Record<Clutch["status"], string> = {
  incubating: "Incubating",
  hatched: "Hatched",
  failed: "Failed",
};

export const CLUTCH_STATUS_TONE = { incubating: "amber", hatched: "teal", failed: "red" } as const;

/** The parents of a clutch, looked up by id when the caller has no summaries at hand. */
export function ClutchParents({ clutch, className }: { clutch: Clutch; className?: string }) {
  const sire = useAnimal(clutch.sire_id ?? undefined).data;
  const dam = useAnimal(clutch.dam_id).data;
  return <ParentPair sire={sire} dam={dam} className={className} />;
}

export function eggSummary(clutch: Pick<Clutch, "eggs_total" | "eggs_fertile" | "eggs_infertile">): string {
  const parts = [plural(clutch.eggs_total, "egg")];
  if (clutch.eggs_fertile || clutch.eggs_infertile) {
    parts.push(`${clutch.eggs_fertile} fertile`, `${clutch.eggs_infertile} infertile`);
  }
  return parts.join(" · ");
}

/** One clutch in a list: who, when, how many eggs, and the countdown; the whole card links. */
export function ClutchCard({
  clutch,
  today,
  parents,
  speciesName,
}: {
  clutch: Clutch;
  today: string;
  parents?: { sire: ParentSummary | null; dam: ParentSummary };
  speciesName?: string;
}) {
  const state = countdown(clutch, today);
  return (
    <article
      className={cx(
        "relative flex flex-col gap-3 rounded-2xl border bg-white p-4 shadow-sm focus-within:ring-2 focus-within:ring-teal-600 dark:bg-stone-900",
        state.state === "overdue"
          ? "border-red-300 dark:border-red-900"
          : state.state === "due-today"
            ? "border-amber-300 dark:border-amber-800"
            : "border-stone-200 dark:border-stone-800",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">
            <Link to={`/breeding/clutches/${clutch.id}`} className="after:absolute after:inset-0 hover:underline focus-visible:outline-none">
              Clutch laid {formatDate(clutch.laid_date)}
            </Link>
          </h3>
          <p className="mt-0.5 text-sm text-stone-700 dark:text-stone-300">
            {parents ? <ParentPair sire={parents.sire} dam={parents.dam} /> : <ClutchParents clutch={clutch} />}
          </p>
        </div>
        <Badge tone={CLUTCH_STATUS_TONE[clutch.status]}>{CLUTCH_STATUS_LABEL[clutch.status]}</Badge>
      </div>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        {[speciesName, eggSummary(clutch), clutch.incubation_temp_c !== null ? `${clutch.incubation_temp_c} °C` : null]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <CountdownBar countdown={state} />
    </article>
  );
}
