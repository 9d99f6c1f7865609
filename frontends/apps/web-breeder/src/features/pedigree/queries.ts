import { ApiProblem, unwrap } from "@reptidex/api-client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";

/** The API's limits for a pedigree's depth, and what the page offers within them. */
export const MAX_GENERATIONS = 10;
export const DEFAULT_GENERATIONS = 5;
export const GENERATION_CHOICES = [3, 4, 5, 6, 7] as const;

/** The `generations` search parameter, kept within what the API accepts. */
export function parseGenerations(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_GENERATIONS ? parsed : DEFAULT_GENERATIONS;
}

export function usePedigree(animalId: string, generations: number) {
  return useQuery({
    queryKey: keys.pedigree(animalId, generations),
    queryFn: () =>
      unwrap(
        api.animal.GET("/api/v1/animals/{animal_id}/pedigree", {
          params: { path: { animal_id: animalId }, query: { generations } },
        }),
      ),
    enabled: Boolean(animalId),
    // Changing the depth keeps the chart on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

/** The public profile (for its link); null when the animal has none (not public, archived). */
export function usePublicProfile(animalId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.publicProfile(animalId),
    queryFn: async () => {
      try {
        return await unwrap(
          api.animal.GET("/api/v1/public/animals/{animal_id}", { params: { path: { animal_id: animalId } } }),
        );
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
    enabled: enabled && Boolean(animalId),
  });
}

/** Where the QR code image of an animal's public profile is (public animals need no login). */
export function qrCodeUrl(animalId: string, format: "svg" | "png" = "svg"): string {
  return `${api.origins.animal}/api/v1/animals/${animalId}/qr.${format}`;
}

/**
 * Whether the vivarium's plan includes pedigree QR codes (Keeper and up). The service refuses
 * the code to a plan without them, so it is offered only once the plan says it is included
 * (a plan that does not name the feature does not include it).
 */
export function usePedigreeQrAllowed(vivariumId: string): boolean {
  const plan = useQuery({
    queryKey: keys.vivariumPlan(vivariumId),
    queryFn: () =>
      unwrap(api.core.GET("/api/v1/vivariums/{vivarium_id}/plan", { params: { path: { vivarium_id: vivariumId } } })),
    enabled: Boolean(vivariumId),
    staleTime: 5 * 60_000,
  });
  return plan.data?.entitlements.pedigree_qr === true;
}
