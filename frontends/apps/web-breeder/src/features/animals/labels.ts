import type { AnimalSchemas } from "@reptidex/api-client";

import { vivariumToday } from "../../lib/timeZone";

export type AnimalStatus = AnimalSchemas["AnimalStatus"];
export type Visibility = AnimalSchemas["Visibility"];
export type SexValue = AnimalSchemas["Sex"];

export const SEXES: readonly SexValue[] = ["male", "female", "unknown"];
export const STATUSES: readonly AnimalStatus[] = ["active", "holdback", "sold", "deceased", "external", "lease"];
export const VISIBILITIES: readonly Visibility[] = ["private", "lineage_only", "public"];

export const STATUS_LABEL: Record<AnimalStatus, string> = {
  active: "Active",
  holdback: "Holdback",
  sold: "Sold",
  deceased: "Deceased",
  external: "External (not in your care)",
  lease: "On lease",
};

export const VISIBILITY_LABEL: Record<Visibility, string> = {
  private: "Private",
  lineage_only: "In pedigrees only",
  public: "Public",
};

/** What each visibility means for people outside the vivarium, in a breeder's words. */
export const VISIBILITY_HINT: Record<Visibility, string> = {
  private: "Only members of this vivarium see it; elsewhere it shows as “private ancestor”.",
  lineage_only: "Named inside the pedigrees of public animals, but it has no searchable profile.",
  public: "Anyone with the link sees its profile and pedigree; it can be shared with a QR code.",
};

/** "6.25 %", with as many decimals as a breeder needs to compare pairings. */
export function formatCoi(coi: number): string {
  const percent = coi * 100;
  const digits = percent === 0 ? 0 : percent < 1 ? 3 : 2;
  return `${Number(percent.toFixed(digits)).toLocaleString("en")} %`;
}

export function generationsLabel(generations: number): string {
  return `${generations} generation${generations === 1 ? "" : "s"}`;
}

/** "3 Jan 2026" from an ISO date, without a time-zone shift. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(value.length === 10 ? { timeZone: "UTC" } : {}),
  });
}

/** Today as YYYY-MM-DD in the vivarium's time zone (the max of a hatch-date input). */
export function todayIso(now = new Date()): string {
  return vivariumToday(now);
}

/** "today", "3 days ago", "in 4 days": how far a moment is, in whole days. */
export function relativeDays(value: string, now = new Date()): string {
  const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.round((startOfDay(new Date(value)) - startOfDay(now)) / 86_400_000);
  if (days === 0) return "today";
  if (days === -1) return "yesterday";
  if (days === 1) return "tomorrow";
  return days < 0 ? `${-days} days ago` : `in ${days} days`;
}

/** "3 Jan 2026, 14:05" in the breeder's own time zone. */
export function formatDateTime(value: string): string {
  return new Date(value).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
