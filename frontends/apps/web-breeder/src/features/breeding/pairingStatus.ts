import type { AnimalSchemas } from "@reptidex/api-client";
import type { BadgeTone } from "@reptidex/ui";

export type Pairing = AnimalSchemas["PairingRead"];
export type PairingStatus = AnimalSchemas["PairingStatus"];

export const PAIRING_STATUSES: PairingStatus[] = ["planned", "active", "locked", "ovulated", "completed", "failed"];

export const STATUS_LABEL: Record<PairingStatus, string> = {
  planned: "Planned",
  active: "Active",
  locked: "Locked",
  ovulated: "Ovulated",
  completed: "Completed",
  failed: "Failed",
};

/** What each status means at the rack, for hints and screen readers. */
export const STATUS_MEANING: Record<PairingStatus, string> = {
  planned: "Not introduced yet",
  active: "Introduced, together",
  locked: "Seen locked",
  ovulated: "Female ovulated",
  completed: "Eggs laid",
  failed: "Did not take",
};

export const STATUS_TONE: Record<PairingStatus, BadgeTone> = {
  planned: "neutral",
  active: "sky",
  locked: "violet",
  ovulated: "amber",
  completed: "teal",
  failed: "red",
};

/** The button that moves a pairing on to `status`. */
export const MOVE_LABEL: Record<PairingStatus, string> = {
  planned: "Back to planned",
  active: "Introduce",
  locked: "Record a lock",
  ovulated: "Record ovulation",
  completed: "Mark completed",
  failed: "Mark failed",
};

/** The `events` key of the date a pairing reached `status` (the API's own rule). */
export function eventKey(status: PairingStatus): string {
  return `${status}_at`;
}

const EVENT_LABEL: Record<string, string> = {
  planned_at: "Planned",
  active_at: "Introduced",
  locked_at: "Locked",
  ovulated_at: "Ovulated",
  pre_lay_shed_at: "Pre-lay shed",
  laid_at: "Eggs laid",
  hatched_at: "Hatched",
  completed_at: "Completed",
  failed_at: "Failed",
};

/** "pre_lay_shed_at" → "Pre-lay shed"; unknown keys get a readable form of their own. */
export function eventLabel(key: string): string {
  if (EVENT_LABEL[key]) return EVENT_LABEL[key];
  const words = key.replace(/_at$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface PairingEvent {
  key: string;
  label: string;
  date: string;
}

/** The recorded events with a date, oldest first (a tie keeps the life-cycle order). */
export function pairingEvents(events: Record<string, unknown>): PairingEvent[] {
  const order = Object.keys(EVENT_LABEL);
  return Object.entries(events)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && /^\d{4}-\d{2}-\d{2}/.test(entry[1]))
    .map(([key, date]) => ({ key, label: eventLabel(key), date: date.slice(0, 10) }))
    .sort((a, b) => a.date.localeCompare(b.date) || rankOf(order, a.key) - rankOf(order, b.key));
}

function rankOf(order: string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

/** The latest thing that happened, for a one-line summary in lists. */
export function latestEvent(events: Record<string, unknown>): PairingEvent | null {
  return pairingEvents(events).at(-1) ?? null;
}

/** The steps of the life cycle as a progress line: done, current, or still ahead. */
export const LIFE_CYCLE: PairingStatus[] = ["planned", "active", "locked", "ovulated", "completed"];

export type StepState = "done" | "current" | "ahead" | "skipped";

export function lifeCycleSteps(pairing: Pick<Pairing, "status" | "events">): { status: PairingStatus; state: StepState; date: string | null }[] {
  const reached = pairing.status === "failed" ? lastReached(pairing.events) : LIFE_CYCLE.indexOf(pairing.status);
  return LIFE_CYCLE.map((status, index) => {
    const recorded = pairing.events[eventKey(status)];
    const date = typeof recorded === "string" ? recorded.slice(0, 10) : null;
    let state: StepState;
    if (index < reached) state = date || status === "planned" ? "done" : "skipped";
    else if (index === reached) state = pairing.status === "failed" ? "done" : "current";
    else state = "ahead";
    return { status, state, date };
  });
}

// A failed pairing stopped after the furthest step it had recorded.
function lastReached(events: Record<string, unknown>): number {
  let furthest = 0;
  LIFE_CYCLE.forEach((status, index) => {
    if (typeof events[eventKey(status)] === "string") furthest = index;
  });
  return furthest;
}

/** Seasons a breeder picks from: next year down to a few years back. */
export function seasonChoices(thisYear: number, back = 6): number[] {
  return Array.from({ length: back + 2 }, (_, index) => thisYear + 1 - index);
}

/** Whether a pairing can still have a clutch recorded (the API refuses failed ones). */
export function canLay(status: PairingStatus): boolean {
  return status !== "failed";
}

/**
 * The PATCH body that records a date. A pair locks many times: correcting the first lock
 * rewrites that one date of `lock_dates` (a `locked_at` event would add another lock).
 */
export function dateChange(
  pairing: Pick<Pairing, "lock_dates">,
  action: { kind: "move"; status: PairingStatus } | { kind: "edit"; key: string } | { kind: "add" },
  key: string,
  date: string,
): AnimalSchemas["PairingUpdate"] {
  if (action.kind === "move") return { status: action.status, events: { [key]: date } };
  if (action.kind === "edit" && key === "locked_at") return { lock_dates: [date, ...pairing.lock_dates.slice(1)] };
  return { events: { [key]: date } };
}
