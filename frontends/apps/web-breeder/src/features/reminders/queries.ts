import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";

export type Reminder = AnimalSchemas["ReminderRead"];
export type DueNotification = AnimalSchemas["DueNotificationRead"];
export type Enclosure = AnimalSchemas["EnclosureRead"];

export function useReminders(vivariumId: string, active: boolean | null) {
  return useInfiniteQuery({
    queryKey: [...keys.reminders(vivariumId), "list", active],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.animal.GET("/api/v1/vivariums/{vivarium_id}/reminders", {
          params: { path: { vivarium_id: vivariumId }, query: { active, limit: 50, cursor: pageParam } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(vivariumId),
  });
}

/**
 * Fired reminders nobody has acknowledged. The platform announces them live over WebSocket
 * where a socket server runs; polling every minute keeps the list right without one.
 */
export function useDueNotifications(vivariumId: string) {
  return useQuery({
    queryKey: keys.dueNotifications(vivariumId),
    queryFn: () =>
      unwrap(
        api.animal.GET("/api/v1/vivariums/{vivarium_id}/due-notifications", {
          params: { path: { vivarium_id: vivariumId }, query: { acknowledged: false, limit: 100 } },
        }),
      ),
    enabled: Boolean(vivariumId),
    refetchInterval: 60_000,
  });
}

export function useAcknowledge(vivariumId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.animal.POST("/api/v1/due-notifications/{notification_id}/acknowledge", {
          params: { path: { notification_id: notificationId } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.dueNotifications(vivariumId) });
      void client.invalidateQueries({ queryKey: keys.today(vivariumId) });
    },
  });
}

function useReminderRefresh(vivariumId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.reminders(vivariumId) });
    void client.invalidateQueries({ queryKey: keys.today(vivariumId) });
  };
}

export function useCreateReminder(vivariumId: string) {
  const refresh = useReminderRefresh(vivariumId);
  return useMutation({
    mutationFn: (body: AnimalSchemas["ReminderCreate"]) =>
      unwrap(api.animal.POST("/api/v1/vivariums/{vivarium_id}/reminders", { params: { path: { vivarium_id: vivariumId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateReminder(vivariumId: string) {
  const refresh = useReminderRefresh(vivariumId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AnimalSchemas["ReminderUpdate"] }) =>
      unwrap(api.animal.PATCH("/api/v1/reminders/{reminder_id}", { params: { path: { reminder_id: id } }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteReminder(vivariumId: string) {
  const refresh = useReminderRefresh(vivariumId);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.animal.DELETE("/api/v1/reminders/{reminder_id}", { params: { path: { reminder_id: id } } })),
    onSuccess: refresh,
  });
}

/** The vivarium's enclosures (racks, tubs), for choosing a reminder's target and naming it. */
export function useEnclosures(vivariumId: string) {
  return useQuery({
    queryKey: [...keys.enclosures(vivariumId), "all"],
    queryFn: async () => {
      const all: Enclosure[] = [];
      let cursor: string | null = null;
      do {
        const page: AnimalSchemas["EnclosurePage"] = await unwrap(
          api.animal.GET("/api/v1/vivariums/{vivarium_id}/enclosures", {
            params: { path: { vivarium_id: vivariumId }, query: { limit: 100, cursor } },
          }),
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? null;
      } while (cursor);
      return all.sort((a, b) => a.name.localeCompare(b.name));
    },
    enabled: Boolean(vivariumId),
    staleTime: 5 * 60_000,
  });
}
