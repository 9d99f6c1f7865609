import { useCallback, useMemo, useState } from "react";

/** Pure set operations behind the selection, so they can be tested without a component. */
export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Keep only ids still on the list (an animal logged elsewhere drops off after a refresh). */
export function stillListed(selected: ReadonlySet<string>, listed: readonly string[]): Set<string> {
  const present = new Set(listed);
  return new Set([...selected].filter((id) => present.has(id)));
}

/** Which animals of one group are ticked; ids no longer listed never count as selected. */
export function useSelection(listed: readonly string[]) {
  const [raw, setRaw] = useState<Set<string>>(() => new Set());
  const selected = useMemo(() => stillListed(raw, listed), [raw, listed]);
  const toggle = useCallback((id: string) => setRaw((current) => toggled(current, id)), []);
  const selectAll = useCallback(() => setRaw(new Set(listed)), [listed]);
  const clear = useCallback(() => setRaw(new Set()), []);
  const allSelected = listed.length > 0 && selected.size === listed.length;
  return { selected, toggle, selectAll, clear, allSelected };
}
