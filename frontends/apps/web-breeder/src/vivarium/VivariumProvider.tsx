import type { CoreSchemas } from "@reptidex/api-client";
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from "react";

import { useAuth } from "../auth/AuthProvider";
import type { Role } from "../lib/roles";

export type Membership = CoreSchemas["MembershipRead"];

interface VivariumState {
  memberships: Membership[];
  current: Membership | null;
  /** The vivarium everything on screen belongs to. */
  vivariumId: string;
  role: Role | null;
  switchTo: (vivariumId: string) => void;
}

const KEY = "reptidex.vivarium";
const VivariumContext = createContext<VivariumState | null>(null);

function pick(memberships: Membership[], wanted: string | null): Membership | null {
  return (
    memberships.find((m) => m.vivarium_id === wanted) ??
    memberships.find((m) => m.is_personal) ??
    memberships[0] ??
    null
  );
}

export function VivariumProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [wanted, setWanted] = useState<string | null>(() => localStorage.getItem(KEY));
  const memberships = useMemo(() => me?.memberships ?? [], [me]);
  const current = pick(memberships, wanted);

  const switchTo = useCallback((vivariumId: string) => {
    localStorage.setItem(KEY, vivariumId);
    setWanted(vivariumId);
  }, []);

  const value = useMemo<VivariumState>(
    () => ({
      memberships,
      current,
      vivariumId: current?.vivarium_id ?? "",
      role: (current?.role as Role | undefined) ?? null,
      switchTo,
    }),
    [memberships, current, switchTo],
  );
  return <VivariumContext value={value}>{children}</VivariumContext>;
}

export function useVivarium(): VivariumState {
  const state = use(VivariumContext);
  if (!state) throw new Error("useVivarium outside <VivariumProvider>");
  return state;
}
