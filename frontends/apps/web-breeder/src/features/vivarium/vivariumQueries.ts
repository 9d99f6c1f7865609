import { unwrap, type CoreSchemas } from "@reptidex/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";
import type { Role } from "../../lib/roles";
import { useVivarium } from "../../vivarium/VivariumProvider";

export type VivariumDetails = CoreSchemas["VivariumRead"];
export type Member = CoreSchemas["MemberRead"];
export type Invitation = CoreSchemas["InvitationRead"];
export type VivariumCreate = CoreSchemas["VivariumCreate"];
export type VivariumUpdate = CoreSchemas["VivariumUpdate"];

/** What the new-vivarium and vivarium-details forms both send: name, description, location, public. */
export function vivariumProfile(data: FormData) {
  return {
    name: String(data.get("name")).trim(),
    description: String(data.get("description")).trim() || null,
    location: String(data.get("location")).trim() || null,
    is_public: data.get("is_public") === "on",
  };
}

const path = (vivariumId: string) => ({ params: { path: { vivarium_id: vivariumId } } });

export function useVivariumDetails(vivariumId: string) {
  return useQuery({
    queryKey: keys.vivarium(vivariumId),
    queryFn: () => unwrap(api.core.GET("/api/v1/vivariums/{vivarium_id}", path(vivariumId))),
    enabled: Boolean(vivariumId),
  });
}

export function useMembers(vivariumId: string) {
  return useQuery({
    queryKey: keys.members(vivariumId),
    queryFn: () => unwrap(api.core.GET("/api/v1/vivariums/{vivarium_id}/members", path(vivariumId))),
    enabled: Boolean(vivariumId),
  });
}

/** Open invitations; the API shows them to curators and owners only. */
export function useVivariumInvitations(vivariumId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.invitations(vivariumId),
    queryFn: () => unwrap(api.core.GET("/api/v1/vivariums/{vivarium_id}/invitations", path(vivariumId))),
    enabled: enabled && Boolean(vivariumId),
  });
}

/** Invitations addressed to the signed-in user's email, still open. */
export function useMyInvitations() {
  return useQuery({
    queryKey: keys.myInvitations,
    queryFn: () => unwrap(api.core.GET("/api/v1/invitations")),
  });
}

/** The invitation an emailed link names, if it is addressed to the signed-in user (404 if not). */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: [...keys.myInvitations, token],
    queryFn: () => unwrap(api.core.GET("/api/v1/invitations/{token}", { params: { path: { token } } })),
    enabled: Boolean(token),
    retry: false,
  });
}

/** Which invitation to answer: the emailed link's token, or the id from the user's own list. */
export type InvitationRef = { token: string } | { id: string };

/** The account's memberships live in `me`: read it again after any change to them. */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.refetchQueries({ queryKey: keys.me });
}

export function useUpdateVivarium(vivariumId: string) {
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (body: VivariumUpdate) =>
      unwrap(api.core.PATCH("/api/v1/vivariums/{vivarium_id}", { ...path(vivariumId), body })),
    onSuccess: async (vivarium) => {
      queryClient.setQueryData(keys.vivarium(vivariumId), vivarium);
      // The name shows in the vivarium switcher, which reads `me`.
      await refreshMe();
    },
  });
}

export function useCreateVivarium() {
  const refreshMe = useRefreshMe();
  const { switchTo } = useVivarium();
  return useMutation({
    mutationFn: (body: VivariumCreate) => unwrap(api.core.POST("/api/v1/vivariums", { body })),
    onSuccess: async (vivarium) => {
      await refreshMe();
      switchTo(vivarium.id);
    },
  });
}

export function useChangeRole(vivariumId: string) {
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.core.PATCH("/api/v1/vivariums/{vivarium_id}/members/{user_id}", {
          params: { path: { vivarium_id: vivariumId, user_id: userId } },
          body: { role },
        }),
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.members(vivariumId) });
      // The caller may have changed their own role.
      await refreshMe();
    },
  });
}

export function useRemoveMember(vivariumId: string) {
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: ({ userId }: { userId: string; leaving: boolean }) =>
      unwrap(
        api.core.DELETE("/api/v1/vivariums/{vivarium_id}/members/{user_id}", {
          params: { path: { vivarium_id: vivariumId, user_id: userId } },
        }),
      ),
    onSuccess: async (_data, { leaving }) => {
      // Someone who left can no longer read the list; `me` moves them to another vivarium.
      if (leaving) await refreshMe();
      else await queryClient.invalidateQueries({ queryKey: keys.members(vivariumId) });
    },
  });
}

export function useInvite(vivariumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.core.POST("/api/v1/vivariums/{vivarium_id}/invitations", { ...path(vivariumId), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations(vivariumId) }),
  });
}

export function useRevokeInvitation(vivariumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        api.core.DELETE("/api/v1/vivariums/{vivarium_id}/invitations/{invitation_id}", {
          params: { path: { vivarium_id: vivariumId, invitation_id: invitationId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.invitations(vivariumId) }),
  });
}

/**
 * Accept or decline an invitation. Accepting adds a membership: `me` is read again before
 * switching, so the switcher already lists the vivarium it switches to. The service answers
 * 403 `email-not-verified` until the invited address is verified.
 */
export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  const { switchTo } = useVivarium();
  return useMutation({
    mutationFn: async ({ invitation, accept }: { invitation: InvitationRef; accept: boolean }) => {
      if ("token" in invitation) {
        const params = { params: { path: { token: invitation.token } } };
        if (accept) return unwrap(api.core.POST("/api/v1/invitations/{token}/accept", params));
        await unwrap(api.core.POST("/api/v1/invitations/{token}/decline", params));
        return null;
      }
      const params = { params: { path: { invitation_id: invitation.id } } };
      if (accept) return unwrap(api.core.POST("/api/v1/invitations/received/{invitation_id}/accept", params));
      await unwrap(api.core.POST("/api/v1/invitations/received/{invitation_id}/decline", params));
      return null;
    },
    onSuccess: async (membership) => {
      if (membership) {
        await refreshMe();
        switchTo(membership.vivarium_id);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.myInvitations }),
  });
}
