import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";
import type { Clutch } from "./incubation";
import type { Pairing, PairingStatus } from "./pairingStatus";

export type ClutchStatus = AnimalSchemas["ClutchStatus"];
export type BreedingStats = AnimalSchemas["BreedingStats"];
export type Hatchling = AnimalSchemas["HatchlingRead"];

export interface PairingFilters {
  season: number | null;
  status: PairingStatus | null;
}

/** A vivarium's pairings, newest first, a page at a time ("Load more"). */
export function usePairings(vivariumId: string, filters: PairingFilters) {
  return useInfiniteQuery({
    queryKey: [...keys.pairings(vivariumId), "list", filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/pairings", {
          params: {
            query: {
              vivarium_id: vivariumId,
              season: filters.season,
              status: filters.status,
              limit: 30,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
  });
}

export function usePairing(pairingId: string | undefined) {
  return useQuery({
    queryKey: keys.pairing(pairingId ?? ""),
    queryFn: () => unwrap(api.animal.GET("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairingId! } } })),
    enabled: Boolean(pairingId),
  });
}

/**
 * Every clutch of a vivarium (or only those with `status`). The API has no per-pairing
 * filter, so the pairing page takes its clutches from this list; a vivarium records tens of
 * clutches a season, a few pages at most.
 */
export function useClutches(vivariumId: string | undefined, status: ClutchStatus | null = null) {
  return useQuery({
    queryKey: [...keys.clutches(vivariumId ?? ""), "all", status],
    queryFn: async () => {
      const all: Clutch[] = [];
      let cursor: string | null = null;
      do {
        const page: AnimalSchemas["ClutchPage"] = await unwrap(
          api.animal.GET("/api/v1/clutches", {
            params: { query: { vivarium_id: vivariumId!, status, limit: 100, cursor } },
          }),
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? null;
      } while (cursor);
      return all;
    },
    enabled: Boolean(vivariumId),
  });
}

export function useClutch(clutchId: string | undefined) {
  return useQuery({
    queryKey: keys.clutch(clutchId ?? ""),
    queryFn: () => unwrap(api.animal.GET("/api/v1/clutches/{clutch_id}", { params: { path: { clutch_id: clutchId! } } })),
    enabled: Boolean(clutchId),
  });
}

export function useBreedingStats(vivariumId: string, season: number | null) {
  return useQuery({
    queryKey: keys.breedingStats(vivariumId, season),
    queryFn: () =>
      unwrap(
        api.animal.GET("/api/v1/vivariums/{vivarium_id}/breeding/stats", {
          params: { path: { vivarium_id: vivariumId }, query: { season } },
        }),
      ),
    enabled: Boolean(vivariumId),
  });
}

/**
 * The animals hatched from a clutch. The API lists a dam's offspring (not a clutch's), so:
 * the dam's children by the same sire hatched on or after the clutch's hatch day, then each
 * candidate's own record decides (its `clutch_id`). Exact, and a handful of requests.
 */
export function useClutchHatchlings(clutch: Clutch | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.clutchHatchlings(clutch?.id ?? ""),
    queryFn: async () => {
      const family = await unwrap(
        api.animal.GET("/api/v1/animals/{animal_id}/descendants", {
          params: { path: { animal_id: clutch!.dam_id }, query: { generations: 1 } },
        }),
      );
      const candidates = family.items.filter(
        (node): node is Extract<(typeof family.items)[number], { private?: false }> =>
          !node.private &&
          node.generation === 1 &&
          node.sire_id === clutch!.sire_id &&
          (!clutch!.hatch_date || !node.hatch_date || node.hatch_date >= clutch!.hatch_date),
      );
      const records = await Promise.all(
        candidates.map((node) =>
          client.fetchQuery({
            queryKey: keys.animal(node.id),
            queryFn: () =>
              unwrap(api.animal.GET("/api/v1/animals/{animal_id}", { params: { path: { animal_id: node.id } } })),
          }),
        ),
      );
      return records.filter((animal) => animal.clutch_id === clutch!.id).sort((a, b) => a.display_id.localeCompare(b.display_id));
    },
    enabled: Boolean(clutch && clutch.hatched_count > 0),
  });
}

/** After any breeding write: lists, the figures and the pairing it touched. */
export function refreshBreeding(client: QueryClient, vivariumId: string, pairingId?: string | null) {
  void client.invalidateQueries({ queryKey: keys.pairings(vivariumId) });
  void client.invalidateQueries({ queryKey: keys.clutches(vivariumId) });
  void client.invalidateQueries({ queryKey: ["vivarium", vivariumId, "breeding-stats"] });
  if (pairingId) void client.invalidateQueries({ queryKey: keys.pairing(pairingId) });
}

export function useCreatePairing(vivariumId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AnimalSchemas["PairingCreate"]) => unwrap(api.animal.POST("/api/v1/pairings", { body })),
    onSuccess: (pairing) => {
      client.setQueryData(keys.pairing(pairing.id), pairing);
      refreshBreeding(client, vivariumId);
    },
  });
}

export function useUpdatePairing(pairing: Pairing | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AnimalSchemas["PairingUpdate"]) =>
      unwrap(api.animal.PATCH("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairing!.id } }, body })),
    onSuccess: (updated) => {
      // The list leaves the what-if COI out; keep the one already shown.
      client.setQueryData(keys.pairing(updated.id), { ...updated, what_if_coi: updated.what_if_coi ?? pairing?.what_if_coi ?? null });
      refreshBreeding(client, updated.vivarium_id);
    },
  });
}

export function useDeletePairing(pairing: Pairing | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.animal.DELETE("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairing!.id } } })),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.pairing(pairing!.id) });
      refreshBreeding(client, pairing!.vivarium_id);
    },
  });
}

export function useLayClutch(pairing: Pairing | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AnimalSchemas["ClutchCreate"]) =>
      unwrap(api.animal.POST("/api/v1/pairings/{pairing_id}/clutches", { params: { path: { pairing_id: pairing!.id } }, body })),
    onSuccess: (clutch) => {
      client.setQueryData(keys.clutch(clutch.id), clutch);
      refreshBreeding(client, clutch.vivarium_id, clutch.pairing_id);
    },
  });
}

function useClutchWrite<Variables>(call: (clutchId: string, variables: Variables) => Promise<Clutch>, clutch: Clutch | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: Variables) => call(clutch!.id, variables),
    onSuccess: (updated) => {
      client.setQueryData(keys.clutch(updated.id), updated);
      refreshBreeding(client, updated.vivarium_id, updated.pairing_id);
    },
  });
}

export function useUpdateClutch(clutch: Clutch | undefined) {
  return useClutchWrite(
    (clutchId, body: AnimalSchemas["ClutchUpdate"]) =>
      unwrap(api.animal.PATCH("/api/v1/clutches/{clutch_id}", { params: { path: { clutch_id: clutchId } }, body })),
    clutch,
  );
}

export function useFailClutch(clutch: Clutch | undefined) {
  return useClutchWrite(
    (clutchId, _: void) => unwrap(api.animal.POST("/api/v1/clutches/{clutch_id}/fail", { params: { path: { clutch_id: clutchId } } })),
    clutch,
  );
}

export function useHatchClutch(clutch: Clutch | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AnimalSchemas["HatchCreate"]) =>
      unwrap(api.animal.POST("/api/v1/clutches/{clutch_id}/hatch", { params: { path: { clutch_id: clutch!.id } }, body })),
    onSuccess: () => {
      const vivariumId = clutch!.vivarium_id;
      void client.invalidateQueries({ queryKey: keys.clutch(clutch!.id) });
      refreshBreeding(client, vivariumId, clutch!.pairing_id);
      // New animals: the collection, the today list and the parents' offspring change.
      void client.invalidateQueries({ queryKey: keys.animals(vivariumId) });
      void client.invalidateQueries({ queryKey: keys.today(vivariumId) });
      for (const parent of [clutch!.dam_id, clutch!.sire_id]) {
        if (parent) void client.invalidateQueries({ queryKey: [...keys.animal(parent), "descendants"] });
      }
    },
  });
}
