import { cx } from "@reptidex/ui";

import { animalLabel } from "../../../queries/animals";

export interface ParentSummary {
  id: string;
  display_id: string;
  name?: string | null;
}

/**
 * "♂ CR-001 · Basil × ♀ CR-002 · Nutmeg", sire first as breeders write it. On a narrow
 * screen the dam wraps to the next line with its "×", so each line reads on its own.
 */
export function ParentPair({
  sire,
  dam,
  className,
}: {
  sire: ParentSummary | null | undefined;
  dam: ParentSummary | null | undefined;
  className?: string;
}) {
  return (
    <span className={cx("inline-flex flex-wrap items-baseline gap-x-1.5", className)}>
      <span>
        <span aria-hidden="true" className="text-sky-700 dark:text-sky-400">
          ♂
        </span>
        <span className="sr-only">Sire</span> {sire ? animalLabel(sire) : "unknown sire"}
      </span>
      <span>
        <span aria-hidden="true" className="text-stone-500 dark:text-stone-400">
          ×{" "}
        </span>
        <span aria-hidden="true" className="text-rose-700 dark:text-rose-400">
          ♀
        </span>
        <span className="sr-only">, dam</span> {dam ? animalLabel(dam) : "unknown dam"}
      </span>
    </span>
  );
}
