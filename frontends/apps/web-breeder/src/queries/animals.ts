import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../api";
import { keys } from "./keys";

export type AnimalListItem = AnimalSchemas["AnimalListItem"];
export type Animal = AnimalSchemas["AnimalRead"];
export type Sex = AnimalSchemas["Sex"];

export interface AnimalSearch {
  q?: string;
  sex?: Sex;
  species_id?: string;
  limit?: number;
  /** Leave deceased animals out (pickers for pairings, transfers, logs, reminders). */
  living?: boolean;
  /** Also offer the animals on loan to this vivarium (pairing them is what a lease is for). */
  include_leased_in?: boolean;
}

/** A short list of matching animals, for pickers (parents, pairings, transfers, batch logs). */
export function useAnimalSearch(vivariumId: string, search: AnimalSearch, enabled = true) {
  const query = {
    vivarium_id: vivariumId,
    q: search.q?.trim() || null,
    sex: search.sex ?? null,
    species_id: search.species_id ?? null,
    limit: search.limit ?? 20,
    living: search.living ?? false,
    include_leased_in: search.include_leased_in ?? false,
  };
  return useQuery({
    queryKey: keys.animalList(vivariumId, { picker: true, ...query }),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals", { params: { query } })),
    enabled: enabled && Boolean(vivariumId),
    placeholderData: keepPreviousData,
  });
}

export function useAnimal(animalId: string | undefined) {
  return useQuery({
    queryKey: keys.animal(animalId ?? ""),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}", { params: { path: { animal_id: animalId! } } })),
    enabled: Boolean(animalId),
  });
}

/** The stored COI with its depth (or, when it is not stored yet, one computed for this answer). */
export function useCoi(animalId: string) {
  return useQuery({
    queryKey: keys.coi(animalId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/animals/{animal_id}/coi", { params: { path: { animal_id: animalId } } })),
    enabled: Boolean(animalId),
  });
}

/** "BP-004 · Nova", or the id alone. */
export function animalLabel(animal: { display_id: string; name?: string | null }): string {
  return animal.name ? `${animal.display_id} · ${animal.name}` : animal.display_id;
}
