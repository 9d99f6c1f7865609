import { cx, ErrorState, Skeleton } from "@reptidex/ui";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { explain } from "../../lib/problems";
import { coiLevel, type CoiLevel } from "./coi";
import { formatPercent } from "./format";

const TONE: Record<CoiLevel, string> = {
  none: "text-teal-800 dark:text-teal-300",
  low: "text-teal-800 dark:text-teal-300",
  moderate: "text-amber-800 dark:text-amber-300",
  high: "text-orange-800 dark:text-orange-300",
  "very-high": "text-red-800 dark:text-red-300",
};

/**
 * A COI query's answer, given to `children`; while it runs, a skeleton in the summary's shape,
 * and if it fails, why in plain words.
 */
export function CoiQueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
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
  return children(query.data);
}

/**
 * A COI always with the pedigree depth it was computed on, and what it compares with.
 * `note` says where the number comes from (stored, computed for this answer, a planned pairing).
 */
export function CoiSummary({
  coi,
  generations,
  label = "Inbreeding coefficient (COI)",
  note,
}: {
  coi: number;
  generations: number;
  label?: string;
  note?: string;
}) {
  const { level, text } = coiLevel(coi);
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium text-stone-700 dark:text-stone-300 print:text-black">{label}</p>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className={cx("text-3xl font-bold tabular-nums", TONE[level])}>{formatPercent(coi)}</span>
        <span className="text-sm text-stone-700 dark:text-stone-300 print:text-black">
          computed over {generations === 1 ? "1 generation" : `${generations} generations`}
        </span>
      </p>
      <p className="text-sm text-stone-600 dark:text-stone-400 print:text-black">{text}</p>
      {note ? <p className="text-xs text-stone-500 dark:text-stone-400 print:hidden">{note}</p> : null}
    </div>
  );
}
