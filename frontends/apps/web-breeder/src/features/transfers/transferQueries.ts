import { unwrap } from "@reptidex/api-client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";
import type { Direction, Transfer, TransferAction } from "./transferModel";

const PAGE_SIZE = 100;

/** Transfers to or from a vivarium, newest first, a page at a time. */
export function useTransferList(vivariumId: string, direction: Direction) {
  return useInfiniteQuery({
    queryKey: keys.transferList(vivariumId, direction),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/transfers", {
          params: { query: { vivarium_id: vivariumId, direction, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
  });
}

/** The sender's read-only records of animals that left with an accepted transfer. */
export function useTransferredAnimals(vivariumId: string) {
  return useInfiniteQuery({
    queryKey: keys.transferredAnimals(vivariumId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/vivariums/{vivarium_id}/transferred-animals", {
          params: { path: { vivarium_id: vivariumId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
  });
}

export function flatten(pages: { items: Transfer[] }[] | undefined): Transfer[] {
  return pages?.flatMap((page) => page.items) ?? [];
}

/** Answer or withdraw a transfer; every transfer list and the collection are read again. */
export function useTransferAction(vivariumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ transfer, action }: { transfer: Transfer; action: TransferAction }) => {
      const params = { params: { path: { transfer_id: transfer.id } } };
      if (action === "accept") return unwrap(api.animal.POST("/api/v1/transfers/{transfer_id}/accept", params));
      if (action === "decline") return unwrap(api.animal.POST("/api/v1/transfers/{transfer_id}/decline", params));
      return unwrap(api.animal.POST("/api/v1/transfers/{transfer_id}/cancel", params));
    },
    onSettled: async (_data, _error, { transfer }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.transfers }),
        queryClient.invalidateQueries({ queryKey: keys.animals(vivariumId) }),
        queryClient.invalidateQueries({ queryKey: keys.animal(transfer.animal_id) }),
      ]);
    },
  });
}

export function useSendTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { animal_id: string; to_vivarium_id: string; message: string | null }) =>
      unwrap(api.animal.POST("/api/v1/transfers", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.transfers }),
  });
}
