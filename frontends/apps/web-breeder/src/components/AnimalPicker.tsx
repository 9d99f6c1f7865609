import { controlClass, cx } from "@reptidex/ui";
import { useDeferredValue, useId, useState, type KeyboardEvent } from "react";

import { animalLabel, useAnimalSearch, type AnimalSearch, type Sex } from "../queries/animals";

export interface PickedAnimal {
  id: string;
  display_id: string;
  name?: string | null;
  sex?: Sex;
  species_id?: string;
}

/** Where the highlight is in `options`: the highlighted animal, or the first when it is gone. */
export function highlightedIndex(options: readonly { id: string }[], activeId: string | null): number {
  return Math.max(
    options.findIndex((option) => option.id === activeId),
    0,
  );
}

/** The animal the arrows move the highlight to, within the list as it is now. */
export function movedHighlight(
  options: readonly { id: string }[],
  activeId: string | null,
  step: 1 | -1,
): string | null {
  const index = Math.min(Math.max(highlightedIndex(options, activeId) + step, 0), options.length - 1);
  return options[index]?.id ?? null;
}

/** Whether an animal of `animalSex` may be offered where `wanted` (or, if allowed, unknown) is asked. */
export function matchesSex(animalSex: Sex, wanted: Sex | undefined, orUnsexed: boolean): boolean {
  if (!wanted) return true;
  return animalSex === wanted || (orUnsexed && animalSex === "unknown");
}

/**
 * Choose one animal of a vivarium by typing part of its id, name or morph (an ARIA combobox:
 * arrows move, Enter picks, Escape closes). `sex` and `speciesId` narrow the choice, e.g. a
 * pairing's sire picker offers males of the same species only. `orUnsexed` also offers animals
 * whose sex is not known yet, as lineage allows (a sire must only not be female).
 * Deceased animals are left out unless `includeDeceased` (a parent in a pedigree may be one);
 * `includeLeasedIn` also offers animals on loan to the vivarium (to pair them).
 */
export function AnimalPicker({
  label,
  vivariumId,
  value,
  onChange,
  sex,
  orUnsexed = false,
  speciesId,
  excludeId,
  hint,
  error,
  name,
  includeDeceased = false,
  includeLeasedIn = false,
}: {
  label: string;
  vivariumId: string;
  value: PickedAnimal | null;
  onChange: (animal: PickedAnimal | null) => void;
  sex?: Sex;
  orUnsexed?: boolean;
  speciesId?: string;
  excludeId?: string;
  hint?: string;
  error?: string;
  name?: string;
  includeDeceased?: boolean;
  includeLeasedIn?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  // The highlighted animal by id, not by position: results arrive as the user types, and a
  // position in an earlier list could point at another animal, or at nothing, in the next.
  const [activeId, setActiveId] = useState<string | null>(null);
  // The list endpoint filters by one sex; "male or unknown" asks for more and filters here.
  const search: AnimalSearch = {
    q: useDeferredValue(text),
    sex: orUnsexed ? undefined : sex,
    species_id: speciesId,
    limit: orUnsexed ? 40 : 20,
    living: !includeDeceased,
    include_leased_in: includeLeasedIn,
  };
  const { data, isFetching } = useAnimalSearch(vivariumId, search, open);
  const options = (data?.items ?? []).filter(
    (animal) => animal.id !== excludeId && matchesSex(animal.sex, sex, orUnsexed),
  );
  const active = highlightedIndex(options, activeId);

  function pick(animal: PickedAnimal | null) {
    onChange(animal);
    setText("");
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActiveId(movedHighlight(options, activeId, 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActiveId(movedHighlight(options, activeId, -1));
    } else if (event.key === "Enter" && open && options[active]) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const listId = `${id}-list`;
  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800 dark:text-stone-200">
        {label}
      </label>
      {value ? (
        <div className="flex min-h-11 items-center justify-between gap-2 rounded-lg border border-stone-300 bg-white px-3 dark:border-stone-600 dark:bg-stone-900">
          <span className="truncate text-sm font-medium" data-testid={name ? `${name}-value` : undefined}>
            {animalLabel(value)}
          </span>
          <button
            type="button"
            className="rounded px-2 py-1 text-sm text-teal-800 underline dark:text-teal-300"
            onClick={() => pick(null)}
            aria-label={`Clear ${label}`}
          >
            Change
          </button>
        </div>
      ) : (
        <input
          id={id}
          name={name}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${id}-${options[active].id}` : undefined}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          placeholder="Type an id, name or morph"
          className={controlClass}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActiveId(null);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
      )}
      {open && !value ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute top-full z-30 mt-1 max-h-64 w-full overflow-y-auto rounded-lg border border-stone-200 bg-white py-1 shadow-lg dark:border-stone-700 dark:bg-stone-900"
        >
          {options.map((animal, index) => (
            // Keyboard users pick with the arrows and Enter in the input (aria-activedescendant).
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={animal.id}
              id={`${id}-${animal.id}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(animal)}
              className={cx(
                "cursor-pointer px-3 py-2 text-sm",
                index === active && "bg-teal-50 dark:bg-teal-950",
              )}
            >
              <span className="font-medium">{animalLabel(animal)}</span>
              {animal.morph ? <span className="ml-2 text-stone-600 dark:text-stone-400">{animal.morph}</span> : null}
            </li>
          ))}
          {!options.length ? (
            <li className="px-3 py-2 text-sm text-stone-600 dark:text-stone-400">
              {isFetching ? "Searching…" : "No matching animal in this vivarium."}
            </li>
          ) : null}
        </ul>
      ) : null}
      {hint && !error ? <p className="text-xs text-stone-600 dark:text-stone-400">{hint}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
