import { Card, MorphBadge, Skeleton, cx, sortGenes } from "@reptidex/ui";
import { useId } from "react";
import { Link } from "react-router";

import { AnimalPicker } from "../../components/AnimalPicker";
import { animalLabel, useAnimal } from "../../queries/animals";
import type { Trait } from "../../queries/catalogue";
import { GeneRowsEditor } from "./GeneRowsEditor";
import type { ParentInput, ParentRole } from "./request";

const ROLE = {
  sire: { label: "Sire", sex: "male", symbol: "♂", accent: "border-t-sky-500" },
  dam: { label: "Dam", sex: "female", symbol: "♀", accent: "border-t-rose-500" },
} as const;

/** One parent of the pairing: an animal of the collection, or a genotype typed by hand. */
export function ParentPanel({
  role,
  input,
  onChange,
  speciesId,
  vivariumId,
  traits,
}: {
  role: ParentRole;
  input: ParentInput;
  onChange: (input: ParentInput) => void;
  speciesId: string;
  vivariumId: string;
  traits: readonly Trait[];
}) {
  const { label, sex, symbol, accent } = ROLE[role];
  const name = useId();
  const disabled = !speciesId;

  return (
    <Card className={cx("flex min-w-0 flex-col gap-3 border-t-4", accent)}>
      <fieldset className="flex min-w-0 flex-col gap-3" disabled={disabled}>
        <legend className="mb-2 text-lg font-semibold">
          <span aria-hidden="true">{symbol}</span> {label}
        </legend>
        <div role="radiogroup" aria-label={`How to give the ${label.toLowerCase()}`} className="flex flex-wrap gap-2">
          {(
            [
              ["animal", "From your collection"],
              ["genotype", "Type a genotype"],
            ] as const
          ).map(([mode, text]) => (
            <label
              key={mode}
              className={cx(
                "flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 text-sm font-medium",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-teal-600",
                input.mode === mode
                  ? "border-teal-600 bg-teal-50 text-teal-900 dark:bg-teal-950 dark:text-teal-100"
                  : "border-stone-300 dark:border-stone-600",
              )}
            >
              <input
                type="radio"
                name={name}
                className="accent-teal-700"
                checked={input.mode === mode}
                onChange={() => onChange(mode === "animal" ? { mode, animalId: null } : { mode, genes: [] })}
              />
              {text}
            </label>
          ))}
        </div>
        {disabled ? (
          <p className="text-sm text-stone-600 dark:text-stone-400">Choose a species first.</p>
        ) : input.mode === "animal" ? (
          <PickedParent
            label={label}
            sex={sex}
            animalId={input.animalId}
            speciesId={speciesId}
            vivariumId={vivariumId}
            onPick={(animalId) => onChange({ mode: "animal", animalId })}
          />
        ) : (
          <GeneRowsEditor
            parentLabel={label}
            traits={traits}
            rows={input.genes}
            onChange={(genes) => onChange({ mode: "genotype", genes })}
          />
        )}
      </fieldset>
    </Card>
  );
}

function PickedParent({
  label,
  sex,
  animalId,
  speciesId,
  vivariumId,
  onPick,
}: {
  label: string;
  sex: "male" | "female";
  animalId: string | null;
  speciesId: string;
  vivariumId: string;
  onPick: (animalId: string | null) => void;
}) {
  const animal = useAnimal(animalId ?? undefined);
  const loading = Boolean(animalId) && animal.isPending;
  const value = animal.data ?? (animalId ? { id: animalId, display_id: "Loading…" } : null);
  const genes = sortGenes(animal.data?.genotype ?? []);

  return (
    <div className="flex flex-col gap-2">
      <AnimalPicker
        label={label}
        name={`genetics-${label.toLowerCase()}`}
        includeLeasedIn
        vivariumId={vivariumId}
        value={value}
        onChange={(picked) => onPick(picked?.id ?? null)}
        sex={sex}
        speciesId={speciesId}
        hint={`${sex === "male" ? "Males" : "Females"} of this species in your vivarium. Its recorded genotype is used.`}
      />
      {loading ? (
        <div aria-busy="true">
          <Skeleton className="h-6 w-48" />
        </div>
      ) : animal.data ? (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-stone-600 dark:text-stone-400">Recorded genotype</p>
          {genes.length ? (
            <ul className="flex flex-wrap gap-1" aria-label={`Genotype of ${animalLabel(animal.data)}`}>
              {genes.map((gene) => (
                <li key={gene.trait_id}>
                  <MorphBadge gene={gene} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-700 dark:text-stone-300">
              No genes recorded: counted as a normal (wild type) animal.{" "}
              <Link to={`/animals/${animal.data.id}`} className="text-teal-800 underline dark:text-teal-300">
                Record its genotype
              </Link>
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
