import type { CoreSchemas } from "@reptidex/api-client";
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from "react";

import { useAuth } from "../auth/AuthProvider";
import { rank, type Role } from "../lib/roles";
import { setVivariumTimeZone } from "../lib/timeZone";

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

/**
 * The vivarium chosen last in this browser; otherwise the one a breeder most likely works in:
 * a shared vivarium they own or run ahead of the personal one every account gets.
 */
export function pickVivarium(memberships: Membership[], wanted: string | null): Membership | null {
  const chosen = memberships.find((m) => m.vivarium_id === wanted);
  if (chosen) return chosen;
  const byRole = [...memberships].sort(
    (a, b) => rank(b.role as Role) - rank(a.role as Role) || Number(a.is_personal) - Number(b.is_personal),
  );
  return byRole[0] ?? null;
}

export function VivariumProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [wanted, setWanted] = useState<string | null>(() => localStorage.getItem(KEY));
  const memberships = useMemo(() => me?.memberships ?? [], [me]);
  const current = pickVivarium(memberships, wanted);
  // Set while rendering, before the pages below read "today" from it.
  setVivariumTimeZone(current?.vivarium_time_zone ?? null);

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
