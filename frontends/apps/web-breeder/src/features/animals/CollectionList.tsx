import { Badge, cx, SEX_LABEL, SEX_SYMBOL, Skeleton } from "@reptidex/ui";
import { Link } from "react-router";

import type { AnimalListItem } from "../../queries/animals";
import type { Species } from "../../queries/catalogue";
import { formatDate, STATUS_LABEL, VISIBILITY_LABEL } from "./labels";

// One grid for the header and every row, so the columns line up on a desktop.
const COLUMNS =
  "md:grid md:grid-cols-[minmax(0,2.4fr)_minmax(0,1.4fr)_7.5rem_7.5rem_minmax(0,1fr)_minmax(0,1.1fr)] md:items-center md:gap-3";

/** ♂/♀ in colour, with the word for screen readers (and on screen where there is room). */
export function SexMark({ sex, labelled = false }: { sex: AnimalListItem["sex"]; labelled?: boolean }) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1",
        sex === "male" && "text-sky-700 dark:text-sky-400",
        sex === "female" && "text-rose-700 dark:text-rose-400",
      )}
    >
      <span aria-hidden="true" className="text-lg leading-none">
        {SEX_SYMBOL[sex]}
      </span>
      <span
        className={
          labelled
            ? "text-sm text-stone-700 dark:text-stone-300"
            : "sr-only md:not-sr-only md:text-sm md:text-stone-700 md:dark:text-stone-300"
        }
      >
        {SEX_LABEL[sex]}
      </span>
    </span>
  );
}

function AnimalRow({ animal, species }: { animal: AnimalListItem; species: Species | undefined }) {
  const archived = Boolean(animal.archived_at);
  return (
    <li
      className={cx(
        "relative flex flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm",
        "focus-within:ring-2 focus-within:ring-teal-600 hover:border-teal-600/60",
        "md:rounded-none md:border-0 md:border-b md:px-4 md:py-3 md:shadow-none",
        "dark:border-stone-800 dark:bg-stone-900",
        archived && "opacity-75",
        COLUMNS,
      )}
    >
      <div className="flex min-w-0 items-start justify-between gap-2">
        <div className="min-w-0">
          <Link
            to={`/animals/${animal.id}`}
            className="font-semibold text-stone-900 after:absolute after:inset-0 hover:underline focus-visible:outline-none dark:text-stone-100"
          >
            <span className="font-mono">{animal.display_id}</span>
            {animal.name ? <span> · {animal.name}</span> : null}
          </Link>
          {animal.morph ? (
            <p className="truncate text-sm text-stone-600 dark:text-stone-400">{animal.morph}</p>
          ) : null}
        </div>
        <span className="md:hidden">
          <SexMark sex={animal.sex} />
        </span>
      </div>
      <p className="text-sm text-stone-700 dark:text-stone-300">
        {species?.common_name ?? "Unknown species"}
        <span className="md:hidden">{animal.hatch_date ? ` · hatched ${formatDate(animal.hatch_date)}` : ""}</span>
      </p>
      <span className="hidden md:block">
        <SexMark sex={animal.sex} />
      </span>
      <p className="hidden text-sm text-stone-700 tabular-nums md:block dark:text-stone-300">
        {animal.hatch_date ? (
          <>
            <span className="sr-only">Hatched </span>
            {formatDate(animal.hatch_date)}
          </>
        ) : (
          <span className="text-stone-500 dark:text-stone-400">
            <span aria-hidden="true">—</span>
            <span className="sr-only">Hatch date unknown</span>
          </span>
        )}
      </p>
      <div className="flex flex-wrap gap-1 md:contents">
        <span>
          <Badge tone={archived ? "red" : animal.status === "active" ? "teal" : "amber"}>
            {archived ? "Archived" : STATUS_LABEL[animal.status]}
          </Badge>
        </span>
        <span>
          <Badge tone={animal.visibility === "public" ? "sky" : "neutral"}>{VISIBILITY_LABEL[animal.visibility]}</Badge>
        </span>
      </div>
    </li>
  );
}

export function CollectionList({
  animals,
  speciesById,
  stale,
}: {
  animals: AnimalListItem[];
  speciesById: Map<string, Species>;
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean;
}) {
  return (
    <div
      className={cx(
        "md:overflow-hidden md:rounded-2xl md:border md:border-stone-200 md:bg-white md:dark:border-stone-800 md:dark:bg-stone-900",
        stale && "opacity-60 transition-opacity",
      )}
    >
      <div
        aria-hidden="true"
        className={cx(
          "hidden border-b border-stone-200 bg-stone-50 px-4 py-2 text-xs font-semibold tracking-wide text-stone-600 uppercase",
          "dark:border-stone-800 dark:bg-stone-950/40 dark:text-stone-400",
          COLUMNS,
        )}
      >
        <span>Animal</span>
        <span>Species</span>
        <span>Sex</span>
        <span>Hatched</span>
        <span>Status</span>
        <span>Visibility</span>
      </div>
      <ul aria-label="Animals" className="flex flex-col gap-3 md:gap-0">
        {animals.map((animal) => (
          <AnimalRow key={animal.id} animal={animal} species={speciesById.get(animal.species_id)} />
        ))}
      </ul>
    </div>
  );
}

export function CollectionSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the collection" className="flex flex-col gap-3">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} className="h-20 md:h-12" />
      ))}
    </div>
  );
}
