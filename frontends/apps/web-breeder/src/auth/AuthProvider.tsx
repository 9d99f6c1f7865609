import { SESSION_MARK_KEY, unwrap, type CoreSchemas } from "@reptidex/api-client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import { api } from "../api";
import { deviceTimeZone } from "../lib/timeZone";

export type Me = CoreSchemas["MeRead"];

interface AuthState {
  signedIn: boolean;
  me: Me | undefined;
  loading: boolean;
  /** The session ended while the user was working (refresh refused): ask them to sign in again. */
  expired: boolean;
  signIn: (email: string, password: string, otp?: string) => Promise<void>;
  signUp: (displayName: string, email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ["me"] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => api.session.signedIn);
  // After a reload the access token is gone (it lived in memory): the cookie restores it.
  const [restoring, setRestoring] = useState(() => !api.session.signedIn && api.session.mayRestore);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (!restoring) return;
    let live = true;
    api.session
      .restore()
      .catch(() => false)
      .then((restored) => {
        if (!live) return;
        setSignedIn(restored);
        setRestoring(false);
      });
    return () => {
      live = false;
    };
  }, [restoring]);

  useEffect(
    () =>
      api.session.subscribe((event) => {
        if (event === "expired") setExpired(true);
        if (event === "signed-in") {
          setExpired(false);
          setSignedIn(true);
        }
        if (event === "signed-out") {
          setSignedIn(false);
          queryClient.clear();
        }
      }),
    [queryClient],
  );

  // Another tab signed out (or in): follow it, so no tab works on with a revoked session.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_MARK_KEY) return;
      if (event.newValue === null) {
        if (api.session.signedIn) api.session.dropped();
        setSignedIn(false);
        queryClient.clear();
      } else if (!api.session.signedIn) {
        setExpired(false);
        setRestoring(true);
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [queryClient]);

  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: () => unwrap(api.core.GET("/api/v1/auth/me")),
    enabled: signedIn,
    staleTime: 60_000,
  });

  const signIn = useCallback(
    async (email: string, password: string, otp?: string) => {
      await api.session.signIn({ email, password, otp: otp || null });
      await queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const signUp = useCallback(
    async (displayName: string, email: string, password: string) => {
      await unwrap(
        api.core.POST("/api/v1/auth/register", {
          // The personal vivarium starts in the browser's time zone; its owner can change it.
          body: { display_name: displayName, email, password, time_zone: deviceTimeZone() },
        }),
      );
      await signIn(email, password);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    await api.session.signOut();
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      signedIn,
      me: meQuery.data,
      loading: restoring || (signedIn && meQuery.isPending),
      expired,
      signIn,
      signUp,
      signOut,
    }),
    [signedIn, restoring, meQuery.data, meQuery.isPending, expired, signIn, signUp, signOut],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const state = use(AuthContext);
  if (!state) throw new Error("useAuth outside <AuthProvider>");
  return state;
}
