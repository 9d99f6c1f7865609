import { Button, CheckboxField, cx, SelectField } from "@reptidex/ui";
import { Search, SlidersHorizontal, X } from "lucide-react";
import { useId, useState } from "react";

import { useSpecies, useTraits } from "../../queries/catalogue";
import { activeFilterCount, NO_FILTERS, withFilter, type CollectionFilters } from "./filters";
import { SEXES, STATUSES, VISIBILITIES, VISIBILITY_LABEL, STATUS_LABEL } from "./labels";

const SEX_OPTION = { male: "Male", female: "Female", unknown: "Unknown" } as const;

/**
 * Search and filters of the collection. On a phone the filters fold away behind one button
 * (with the number in use); on a desktop they stay in view in one row.
 */
export function CollectionFilterBar({
  filters,
  search,
  onSearch,
  onChange,
}: {
  filters: CollectionFilters;
  /** What is typed in the search box (the URL follows it after a pause). */
  search: string;
  onSearch: (text: string) => void;
  onChange: (filters: CollectionFilters) => void;
}) {
  const searchId = useId();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const species = useSpecies();
  const traits = useTraits(filters.species || null);
  const count = activeFilterCount(filters);

  function set<K extends keyof CollectionFilters>(key: K, value: CollectionFilters[K]) {
    onChange(withFilter(filters, key, value));
  }

  return (
    <section aria-label="Search and filters" className="mb-4 flex flex-col gap-3">
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <label htmlFor={searchId} className="sr-only">
            Search the collection
          </label>
          <Search
            aria-hidden="true"
            size={18}
            className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-stone-500 dark:text-stone-400"
          />
          <input
            id={searchId}
            type="search"
            value={search}
            maxLength={100}
            onChange={(event) => onSearch(event.target.value)}
            placeholder="Search id, name, morph or microchip"
            className={cx(
              "block min-h-11 w-full rounded-lg border border-stone-300 bg-white py-2 pr-3 pl-10 text-base",
              "placeholder:text-stone-500 focus:border-teal-600 focus:outline-2 focus:outline-teal-600/40 sm:text-sm",
              "dark:border-stone-600 dark:bg-stone-900 dark:placeholder:text-stone-400",
            )}
          />
        </div>
        <Button
          variant="secondary"
          className="md:hidden"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          icon={<SlidersHorizontal aria-hidden="true" size={18} />}
        >
          Filters{count ? ` (${count})` : ""}
        </Button>
      </div>
      <div
        id={panelId}
        className={cx("grid-cols-2 gap-3 sm:grid-cols-3 md:grid md:grid-cols-6", open ? "grid" : "hidden")}
      >
        <SelectField
          label="Species"
          value={filters.species}
          onChange={(event) => set("species", event.target.value)}
          disabled={species.isLoading}
        >
          <option value="">All species</option>
          {(species.data ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.common_name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Trait"
          value={filters.trait}
          onChange={(event) => set("trait", event.target.value)}
          disabled={!filters.species}
          title={filters.species ? undefined : "Choose a species first"}
        >
          <option value="">{filters.species ? "Any trait" : "Species first"}</option>
          {(traits.data ?? []).map((trait) => (
            <option key={trait.id} value={trait.id}>
              {trait.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Sex" value={filters.sex} onChange={(event) => set("sex", event.target.value as CollectionFilters["sex"])}>
          <option value="">Any sex</option>
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {SEX_OPTION[sex]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(event) => set("status", event.target.value as CollectionFilters["status"])}
        >
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Visibility"
          value={filters.visibility}
          onChange={(event) => set("visibility", event.target.value as CollectionFilters["visibility"])}
        >
          <option value="">Any visibility</option>
          {VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {VISIBILITY_LABEL[visibility]}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-col justify-end gap-2">
          <CheckboxField
            label="Include archived"
            className="items-center"
            checked={filters.archived}
            onChange={(event) => set("archived", event.target.checked)}
          />
        </div>
      </div>
      {count || search.trim() ? (
        <div>
          <Button
            variant="ghost"
            size="sm"
            icon={<X aria-hidden="true" size={16} />}
            onClick={() => {
              onSearch("");
              onChange(NO_FILTERS);
            }}
          >
            Clear search and filters
          </Button>
        </div>
      ) : null}
    </section>
  );
}
