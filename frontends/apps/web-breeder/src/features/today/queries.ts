import { unwrap } from "@reptidex/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";
import type { BatchBody } from "./batch";

/** The vivarium's time zone decides when its "today" ends, wherever the keeper's phone is. */
export function useToday(vivariumId: string) {
  return useQuery({
    queryKey: keys.today(vivariumId),
    queryFn: () => unwrap(api.animal.GET("/api/v1/vivariums/{vivarium_id}/today", { params: { path: { vivarium_id: vivariumId } } })),
    enabled: Boolean(vivariumId),
    // A list kept open on a phone at the rack stays current as others log.
    refetchInterval: 5 * 60_000,
  });
}

/** Log many animals at once (all or nothing), then refresh the list and those animals. */
export function useBatchLog(vivariumId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchBody) => unwrap(api.animal.POST("/api/v1/logs/batch", { body })),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: keys.today(vivariumId) });
      for (const animalId of new Set(result.items.map((log) => log.animal_id))) {
        // Logs, weights, feeding status: everything under the animal's key.
        void client.invalidateQueries({ queryKey: keys.animal(animalId) });
      }
    },
  });
}
