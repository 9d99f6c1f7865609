import { Button } from "@reptidex/ui";
import type { ReactNode } from "react";

import type { useSelection } from "../selection";

/** A group of the today list (feedings, weighings) with its "select all" switch. */
export function DueGroup({
  id,
  title,
  noun,
  count,
  selection,
  selectable,
  empty,
  children,
}: {
  id: string;
  title: string;
  /** What the group's rows are, for the buttons' accessible names ("feedings"). */
  noun: string;
  count: number;
  /** Which of the group's rows are ticked. */
  selection: ReturnType<typeof useSelection>;
  selectable: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { selected, allSelected, selectAll, clear } = selection;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2" id={id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {title} <span className="font-normal text-stone-600 dark:text-stone-400">({count})</span>
        </h2>
        {selectable && count > 0 ? (
          <div className="flex items-center gap-2">
            {selected.size > 0 ? (
              <span className="text-sm text-stone-700 dark:text-stone-300" aria-live="polite">
                {selected.size} selected
              </span>
            ) : null}
            <Button variant="secondary" size="sm" onClick={allSelected ? clear : selectAll}>
              {allSelected ? "Clear selection" : "Select all due"}
              <span className="sr-only"> {noun}</span>
            </Button>
          </div>
        ) : null}
      </div>
      {count > 0 ? (
        <ul className="flex flex-col divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
          {children}
        </ul>
      ) : (
        <p className="rounded-2xl border border-dashed border-stone-300 px-4 py-4 text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
          {empty}
        </p>
      )}
    </section>
  );
}
