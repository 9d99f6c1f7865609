import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { api } from "../../api";
import type { Animal } from "../../queries/animals";
import { keys } from "../../queries/keys";
import { filtersToQuery, type CollectionFilters } from "./filters";

export type LogRead = AnimalSchemas["LogRead"];
export type LogKind = AnimalSchemas["LogKind"];
export type GenotypeRead = AnimalSchemas["GenotypeRead"];

const PAGE_SIZE = 30;

/** The collection, one keyset page after another, as the breeder scrolls. */
export function useCollection(vivariumId: string, filters: CollectionFilters) {
  const query = filtersToQuery(vivariumId, filters);
  return useInfiniteQuery({
    queryKey: keys.animalList(vivariumId, { view: "collection", ...query }),
    queryFn: ({ pageParam }) =>
      unwrap(api.animal.GET("/api/v1/animals", { params: { query: { ...query, cursor: pageParam, limit: PAGE_SIZE } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
    // A new filter keeps the old rows on screen (dimmed) until the new ones arrive: no flash.
    placeholderData: keepPreviousData,
  });
}

export function useGenotype(animalId: string) {
  return useQuery({
    queryKey: keys.genotype(animalId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}/genotype", { params: { path: { animal_id: animalId } } })),
  });
}

export function useLogs(animalId: string, kind: LogKind | "") {
  return useInfiniteQuery({
    queryKey: [...keys.logs(animalId), { kind }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/animals/{animal_id}/logs", {
          params: { path: { animal_id: animalId }, query: { kind: kind || null, cursor: pageParam, limit: 20 } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

export function useWeights(animalId: string) {
  return useQuery({
    queryKey: keys.weights(animalId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}/weights", { params: { path: { animal_id: animalId } } })),
  });
}

export function useFeeding(animalId: string) {
  return useQuery({
    queryKey: keys.feeding(animalId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}/feeding", { params: { path: { animal_id: animalId } } })),
  });
}

export function useSiblings(animalId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.siblings(animalId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}/siblings", { params: { path: { animal_id: animalId } } })),
    enabled,
  });
}

export function useOffspring(animalId: string) {
  return useQuery({
    queryKey: keys.descendants(animalId, 1),
    queryFn: () =>
      unwrap(
        api.animal.GET("/api/v1/animals/{animal_id}/descendants", {
          params: { path: { animal_id: animalId }, query: { generations: 1 } },
        }),
      ),
  });
}

/**
 * After a write to an animal: store its new record and refresh what depends on it (its lists,
 * its pedigree and COI, its relatives' views), without refetching the record itself.
 */
export function useAnimalChanged() {
  const client = useQueryClient();
  return useCallback(
    (animal: Animal, { lineage = false }: { lineage?: boolean } = {}) => {
      client.setQueryData(keys.animal(animal.id), animal);
      void client.invalidateQueries({ queryKey: keys.animals(animal.vivarium_id) });
      void client.invalidateQueries({ queryKey: keys.today(animal.vivarium_id) });
      if (lineage) {
        void client.invalidateQueries({
          predicate: (query) => query.queryKey[0] === "animal" && query.queryKey[1] !== undefined && query.queryKey.length > 2,
        });
        // The COI is recomputed by a background task; look again once it has had time to run.
        setTimeout(() => {
          void client.invalidateQueries({ queryKey: keys.coi(animal.id) });
          void client.invalidateQueries({ queryKey: keys.animal(animal.id) });
        }, 4000);
      }
    },
    [client],
  );
}
