import type { ReactNode } from "react";

import { Badge } from "./Badge";
import { cx } from "./cx";
import { GenotypeList, sortGenes, type MorphGene } from "./MorphBadge";

export interface AnimalCardData {
  id: string;
  display_id: string;
  name?: string | null;
  sex: "male" | "female" | "unknown";
  species_name?: string | null;
  status?: string | null;
  morph?: string | null;
  genes?: MorphGene[];
  hatch_date?: string | null;
}

export const SEX_SYMBOL = { male: "♂", female: "♀", unknown: "?" } as const;
export const SEX_LABEL = { male: "Male", female: "Female", unknown: "Sex unknown" } as const;

/** One animal at a glance: id, name, sex, species and morph, as a link or a button. */
export function AnimalCard({
  animal,
  href,
  footer,
  className,
}: {
  animal: AnimalCardData;
  href?: string;
  footer?: ReactNode;
  className?: string;
}) {
  const genes = sortGenes(animal.genes ?? []);
  const title = animal.name ? `${animal.display_id} · ${animal.name}` : animal.display_id;
  const heading = href ? (
    <a href={href} className="after:absolute after:inset-0 hover:underline focus-visible:outline-none">
      {title}
    </a>
  ) : (
    title
  );
  return (
    <article
      className={cx(
        "relative flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm",
        "focus-within:ring-2 focus-within:ring-teal-600 dark:border-stone-800 dark:bg-stone-900",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="min-w-0 truncate font-semibold">{heading}</h3>
        <span
          className={cx(
            "shrink-0 text-lg leading-none",
            animal.sex === "male" && "text-sky-700 dark:text-sky-400",
            animal.sex === "female" && "text-rose-700 dark:text-rose-400",
          )}
          title={SEX_LABEL[animal.sex]}
        >
          <span aria-hidden="true">{SEX_SYMBOL[animal.sex]}</span>
          <span className="sr-only">{SEX_LABEL[animal.sex]}</span>
        </span>
      </div>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        {[animal.species_name, animal.hatch_date ? `hatched ${animal.hatch_date}` : null]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {genes.length ? (
        <GenotypeList genes={genes} />
      ) : animal.morph ? (
        <p className="text-sm">{animal.morph}</p>
      ) : null}
      {animal.status && animal.status !== "active" ? (
        <Badge tone="amber" className="self-start">
          {animal.status}
        </Badge>
      ) : null}
      {footer ? <div className="relative z-10 mt-auto">{footer}</div> : null}
    </article>
  );
}
