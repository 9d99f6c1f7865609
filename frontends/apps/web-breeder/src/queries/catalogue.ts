import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { useQuery } from "@tanstack/react-query";

import { api } from "../api";
import { keys } from "./keys";

export type Species = AnimalSchemas["SpeciesRead"];
export type Trait = AnimalSchemas["TraitRead"];

/** The whole species catalogue (a few dozen rows), cached for the session. */
export function useSpecies() {
  return useQuery({
    queryKey: keys.species,
    queryFn: async () => {
      const all: Species[] = [];
      let cursor: string | null = null;
      do {
        const page: AnimalSchemas["Page_SpeciesRead_"] = await unwrap(
          api.animal.GET("/api/v1/species", { params: { query: { limit: 100, cursor } } }),
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? null;
      } while (cursor);
      return all.sort((a, b) => a.common_name.localeCompare(b.common_name));
    },
    staleTime: 10 * 60_000,
  });
}

export function useTraits(speciesId: string | null | undefined) {
  return useQuery({
    queryKey: keys.traits(speciesId ?? ""),
    queryFn: () =>
      unwrap(api.animal.GET("/api/v1/species/{species_id}/traits", { params: { path: { species_id: speciesId! } } })),
    enabled: Boolean(speciesId),
    staleTime: 10 * 60_000,
  });
}

/** Species by id, for labelling lists without another request per row. */
export function useSpeciesById(): Map<string, Species> {
  const { data } = useSpecies();
  return new Map((data ?? []).map((species) => [species.id, species]));
}
