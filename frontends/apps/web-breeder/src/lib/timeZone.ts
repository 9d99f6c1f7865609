/**
 * Time zones for vivariums. The vivarium's zone (not the device's) decides what "today" means
 * for its records; the device's zone is only the starting point when a vivarium is created.
 */

/** The browser's IANA time zone, e.g. "Australia/Sydney"; UTC when it cannot tell. */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every zone the browser knows, sorted, always including UTC and the current one. */
export function timeZoneChoices(current: string): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf("timeZone");
  } catch {
    known = [];
  }
  return [...new Set([...known, "UTC", current, deviceTimeZone()])].sort((a, b) => a.localeCompare(b));
}
