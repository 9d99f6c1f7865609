import { ApiProblem, unwrap, type CoreSchemas } from "@reptidex/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api";
import type { Me } from "../../auth/AuthProvider";
import { keys } from "../../queries/keys";

export type UserUpdate = CoreSchemas["UserUpdate"];

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) => unwrap(api.core.PATCH("/api/v1/users/me", { body })),
    // The answer is the user without memberships; keep those from the cached `me`.
    onSuccess: (user) => queryClient.setQueryData<Me>(keys.me, (old) => (old ? { ...old, ...user } : old)),
  });
}

/** Every other session ends; this one continues with the new token pair the API returns. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      // On the app's own origin, where core can set the new session's refresh cookie.
      unwrap(api.sessionCore.POST("/api/v1/auth/password/change", { body })),
    onSuccess: (grant) => api.session.adopt(grant),
  });
}

export function useRequestVerification() {
  return useMutation({
    mutationFn: () => unwrap(api.core.POST("/api/v1/auth/verify-email/request")),
  });
}

export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.core.POST("/api/v1/auth/logout-all"));
      await api.session.signOut();
    },
  });
}

/** Field messages for the password form, including the 400 "wrong password" the API answers. */
export function passwordFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  if (error.slug === "wrong-password") return { current_password: "This is not your current password." };
  return error.status === 422 ? error.fieldErrors() : {};
}
