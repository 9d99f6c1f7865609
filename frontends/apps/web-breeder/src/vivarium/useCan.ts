import { can, type Action } from "../lib/roles";
import { useVivarium } from "./VivariumProvider";

/** Whether the signed-in member may do `action` in the current vivarium. */
export function useCan(action: Action): boolean {
  return can(useVivarium().role, action);
}

/** The same for a record of another vivarium (opened from a link, a transfer, a pedigree). */
export function useCanIn(vivariumId: string | null | undefined, action: Action): boolean {
  const { memberships } = useVivarium();
  const membership = memberships.find((m) => m.vivarium_id === vivariumId);
  return can((membership?.role as Parameters<typeof can>[0]) ?? null, action);
}
