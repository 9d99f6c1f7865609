import { SEXES, STATUSES, VISIBILITIES, type AnimalStatus, type SexValue, type Visibility } from "./labels";

/**
 * The collection's filters as they live in the address bar, so a filtered list can be
 * bookmarked, shared with a co-keeper, and survives the back button.
 */
export interface CollectionFilters {
  q: string;
  species: string;
  sex: SexValue | "";
  status: AnimalStatus | "";
  visibility: Visibility | "";
  trait: string;
  archived: boolean;
}

export const NO_FILTERS: CollectionFilters = {
  q: "",
  species: "",
  sex: "",
  status: "",
  visibility: "",
  trait: "",
  archived: false,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return allowed.includes(value as T) ? (value as T) : "";
}

function id(value: string | null): string {
  return value && UUID.test(value) ? value : "";
}

/** Read filters from the URL; anything unknown or malformed (an old bookmark) is ignored. */
export function filtersFromParams(params: URLSearchParams): CollectionFilters {
  const species = id(params.get("species"));
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    species,
    sex: oneOf(params.get("sex"), SEXES),
    status: oneOf(params.get("status"), STATUSES),
    visibility: oneOf(params.get("visibility"), VISIBILITIES),
    // A trait belongs to one species: without the species it cannot be chosen on screen.
    trait: species ? id(params.get("trait")) : "",
    archived: params.get("archived") === "1",
  };
}

/** Write filters into the URL, keeping any other parameter and leaving out empty ones. */
export function filtersToParams(filters: CollectionFilters, base = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  const values: Record<keyof CollectionFilters, string> = {
    q: filters.q.trim(),
    species: filters.species,
    sex: filters.sex,
    status: filters.status,
    visibility: filters.visibility,
    trait: filters.species ? filters.trait : "",
    archived: filters.archived ? "1" : "",
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return params;
}

/** One change, with what must change with it (a new species empties the trait). */
export function withFilter<K extends keyof CollectionFilters>(
  filters: CollectionFilters,
  key: K,
  value: CollectionFilters[K],
): CollectionFilters {
  const next = { ...filters, [key]: value };
  if (key === "species" && value !== filters.species) next.trait = "";
  return next;
}

/** The list endpoint's query for these filters. */
export function filtersToQuery(vivariumId: string, filters: CollectionFilters) {
  return {
    vivarium_id: vivariumId,
    q: filters.q.trim() || null,
    species_id: filters.species || null,
    sex: filters.sex || null,
    status: filters.status || null,
    visibility: filters.visibility || null,
    trait_id: (filters.species && filters.trait) || null,
    include_archived: filters.archived,
  };
}

/** How many filters narrow the list (search not counted: it shows in its own box). */
export function activeFilterCount(filters: CollectionFilters): number {
  return [filters.species, filters.sex, filters.status, filters.visibility, filters.trait, filters.archived].filter(
    Boolean,
  ).length;
}

export function isFiltered(filters: CollectionFilters): boolean {
  return activeFilterCount(filters) > 0 || filters.q.trim() !== "";
}
