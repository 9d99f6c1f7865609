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

/** The calendar date at `now` in `timeZone`, as YYYY-MM-DD. */
export function dateIn(timeZone: string, now: Date = new Date()): string {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return dateIn("UTC", now);
  }
}

// The vivarium on screen; the vivarium provider keeps it current (it is the device's until then).
let currentVivariumTimeZone: string | null = null;

export function setVivariumTimeZone(timeZone: string | null): void {
  currentVivariumTimeZone = timeZone;
}

/** Today in the vivarium on screen: the one "today" of date limits and of what is due. */
export function vivariumToday(now: Date = new Date()): string {
  return dateIn(currentVivariumTimeZone ?? deviceTimeZone(), now);
}
