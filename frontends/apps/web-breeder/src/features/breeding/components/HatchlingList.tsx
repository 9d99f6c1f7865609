import { Badge, cx, SEX_LABEL, SEX_SYMBOL } from "@reptidex/ui";
import { ChevronRight } from "lucide-react";
import { Link } from "react-router";

import type { Sex } from "../../../queries/animals";

export interface HatchlingRow {
  id: string;
  display_id: string;
  name: string | null;
  sex: Sex;
  morph: string | null;
  status?: string;
}

/** The clutch's hatchlings, each a link to its own page. */
export function HatchlingList({ hatchlings }: { hatchlings: HatchlingRow[] }) {
  return (
    <ul className="flex flex-col divide-y divide-stone-200 overflow-hidden rounded-xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
      {hatchlings.map((animal) => (
        <li key={animal.id}>
          <Link
            to={`/animals/${animal.id}`}
            className="flex min-h-14 items-center gap-3 px-3 py-2 hover:bg-stone-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-600 dark:hover:bg-stone-800/60"
          >
            <span
              className={cx(
                "flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-stone-100 text-base dark:bg-stone-800",
                animal.sex === "male" && "text-sky-700 dark:text-sky-400",
                animal.sex === "female" && "text-rose-700 dark:text-rose-400",
              )}
              title={SEX_LABEL[animal.sex]}
            >
              <span aria-hidden="true">{SEX_SYMBOL[animal.sex]}</span>
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">
                {animal.name ? `${animal.display_id} · ${animal.name}` : animal.display_id}
              </span>
              <span className="block truncate text-sm text-stone-600 dark:text-stone-400">
                {[SEX_LABEL[animal.sex], animal.morph].filter(Boolean).join(" · ")}
              </span>
            </span>
            {animal.status && animal.status !== "active" ? <Badge tone="amber">{animal.status}</Badge> : null}
            <ChevronRight aria-hidden="true" size={18} className="shrink-0 text-stone-400" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
