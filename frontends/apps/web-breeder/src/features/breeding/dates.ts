import { vivariumToday } from "../../lib/timeZone";

/**
 * Calendar dates as the API sends them ("2026-12-22"), read as days on the breeder's own
 * calendar. Differences are counted in UTC so a daylight-saving change never makes a day
 * 23 or 25 hours long and shifts a countdown by one.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(isoDate: string): [number, number, number] {
  const match = ISO_DATE.exec(isoDate.slice(0, 10));
  if (!match) throw new Error(`not a date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Today in the vivarium's time zone (not the device's), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return vivariumToday(now);
}

export function toIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parts(isoDate);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** A date as a breeder reads it, in their own locale: "22 Dec 2026". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const [y, m, d] = parts(isoDate);
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }).format(
    new Date(y, m - 1, d),
  );
}

/** A moment (ISO date-time) as date and time in the breeder's locale and time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** "today", "yesterday", "in 3 days", "5 days ago" for a calendar date against `today`. */
export function relativeDay(isoDate: string, today: string): string {
  const days = daysBetween(today, isoDate);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The local calendar date of an ISO date-time (a due time, a log time). */
export function localDateOf(iso: string): string {
  return toIsoDate(new Date(iso));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
