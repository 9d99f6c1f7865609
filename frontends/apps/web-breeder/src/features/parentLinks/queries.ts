import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { animalLabel } from "../../queries/animals";
import { keys } from "../../queries/keys";

export type ParentLink = AnimalSchemas["ParentLinkRead"];
export type LinkAction = "approve" | "decline" | "cancel";
export type LinkDirection = "incoming" | "outgoing";

const PAGE_SIZE = 100;

/** A child's open links: parents asked for from other vivariums, and suspended ones. */
export function useParentLinksOf(animalId: string) {
  return useQuery({
    queryKey: keys.parentLinksOf(animalId),
    queryFn: () =>
      unwrap(api.animal.GET("/api/v1/animals/{animal_id}/parent-links", { params: { path: { animal_id: animalId } } })),
  });
}

/** Requests to or from a vivarium, newest first, a page at a time. */
export function useParentLinkList(vivariumId: string, direction: LinkDirection) {
  return useInfiniteQuery({
    queryKey: keys.parentLinkList(vivariumId, direction),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/parent-links", {
          params: { query: { vivarium_id: vivariumId, direction, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
  });
}

/** Approve, decline or cancel a link; the lists and both animals are read again. */
export function useParentLinkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ link, action }: { link: ParentLink; action: LinkAction }) => {
      const params = { params: { path: { link_id: link.id } } };
      if (action === "approve") return unwrap(api.animal.POST("/api/v1/parent-links/{link_id}/approve", params));
      if (action === "decline") return unwrap(api.animal.POST("/api/v1/parent-links/{link_id}/decline", params));
      return unwrap(api.animal.POST("/api/v1/parent-links/{link_id}/cancel", params));
    },
    onSettled: async (_data, _error, { link }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.parentLinks }),
        queryClient.invalidateQueries({ queryKey: keys.animal(link.child.id) }),
        queryClient.invalidateQueries({
          predicate: (query) => query.queryKey[0] === "animal" && query.queryKey[1] === link.child.id,
        }),
      ]);
    },
  });
}

/** The animal's label, or "a private animal" when its owner no longer shares it. */
export function linkedLabel(animal: ParentLink["parent"]): string {
  return "private" in animal ? "a private animal" : animalLabel(animal);
}

export const ROLE_WORD: Record<ParentLink["role"], string> = { sire: "sire", dam: "dam" };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The animal id in what was pasted: the id itself, or a public profile link ending in it. */
export function animalIdIn(text: string): string | null {
  return UUID.exec(text.trim())?.[0]?.toLowerCase() ?? null;
}
