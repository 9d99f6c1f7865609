import { useEffect, useRef } from "react";

/**
 * After a refused save, bring the first marked field (or else the message on top) into view
 * and focus, so a breeder at the bottom of a long form on a phone sees what to fix.
 * `attempt` changes on every failed attempt.
 */
export function useFocusFirstError<T extends HTMLElement>(attempt: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!attempt || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches("input, select, textarea, button, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView?.({ block: "center", behavior: "smooth" });
  }, [attempt]);
  return ref;
}
