import type { AnimalSchemas } from "@reptidex/api-client";

import { toIsoDate } from "../breeding/dates";

type LogKind = AnimalSchemas["LogKind"];
type Reminder = AnimalSchemas["ReminderRead"];

export const KIND_LABEL: Record<LogKind, string> = {
  feeding: "Feeding",
  weight: "Weighing",
  shed: "Shed check",
  health: "Health check",
  vet: "Vet visit",
  medication: "Medication",
  cleaning: "Cleaning",
  note: "Note",
};

/** The repeat choices a keeper reaches for; anything else is "every N days". */
export const REPEAT_PRESETS = [
  { value: "once", label: "Once", days: null },
  { value: "1", label: "Every day", days: 1 },
  { value: "2", label: "Every 2 days", days: 2 },
  { value: "7", label: "Every week", days: 7 },
  { value: "14", label: "Every 2 weeks", days: 14 },
  { value: "30", label: "Every 30 days", days: 30 },
  { value: "90", label: "Every 90 days", days: 90 },
] as const;

export function recurrenceText(intervalDays: number | null): string {
  if (!intervalDays) return "Once";
  if (intervalDays === 1) return "Every day";
  if (intervalDays === 7) return "Every week";
  if (intervalDays % 7 === 0 && intervalDays <= 70) return `Every ${intervalDays / 7} weeks`;
  return `Every ${intervalDays} days`;
}

export interface ReminderDraft {
  title: string;
  target: "vivarium" | "animal" | "enclosure";
  animalId: string | null;
  enclosureId: string;
  kind: LogKind | "";
  /** A preset's value, or "custom" with `customDays`. */
  repeat: string;
  customDays: string;
  date: string;
  time: string;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A new reminder starts tomorrow at nine, once: nothing fires before the keeper chose. */
export function blankReminder(now: Date = new Date()): ReminderDraft {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return {
    title: "",
    target: "vivarium",
    animalId: null,
    enclosureId: "",
    kind: "",
    repeat: "once",
    customDays: "",
    date: toIsoDate(tomorrow),
    time: "09:00",
  };
}

export function draftFromReminder(reminder: Reminder): ReminderDraft {
  const due = new Date(reminder.next_due_at);
  const preset = REPEAT_PRESETS.find((choice) => choice.days === reminder.interval_days);
  return {
    title: reminder.title,
    target: reminder.animal_id ? "animal" : reminder.enclosure_id ? "enclosure" : "vivarium",
    animalId: reminder.animal_id,
    enclosureId: reminder.enclosure_id ?? "",
    kind: reminder.kind ?? "",
    repeat: preset ? preset.value : "custom",
    customDays: preset ? "" : String(reminder.interval_days ?? ""),
    date: toIsoDate(due),
    time: `${pad(due.getHours())}:${pad(due.getMinutes())}`,
  };
}

export type ReminderProblems = Partial<Record<"title" | "animal" | "enclosure" | "customDays" | "date", string>>;

export function intervalOf(draft: Pick<ReminderDraft, "repeat" | "customDays">): number | null {
  if (draft.repeat === "once") return null;
  if (draft.repeat === "custom") return /^\d+$/.test(draft.customDays.trim()) ? Number(draft.customDays.trim()) : NaN;
  return Number(draft.repeat);
}

export function reminderProblems(draft: ReminderDraft): ReminderProblems {
  const problems: ReminderProblems = {};
  if (!draft.title.trim()) problems.title = "Say what to do, e.g. Deep clean rack 2.";
  else if (draft.title.trim().length > 120) problems.title = "At most 120 characters.";
  if (draft.target === "animal" && !draft.animalId) problems.animal = "Choose the animal.";
  if (draft.target === "enclosure" && !draft.enclosureId) problems.enclosure = "Choose the enclosure.";
  const interval = intervalOf(draft);
  if (interval !== null && (!Number.isInteger(interval) || interval < 1 || interval > 3650)) {
    problems.customDays = "A whole number of days, from 1 to 3650.";
  }
  if (!draft.date || !draft.time) problems.date = "Choose the day and time it is first due.";
  return problems;
}

/** The local day and time as an instant with its offset (the API wants an aware time). */
export function dueAt(draft: Pick<ReminderDraft, "date" | "time">): string {
  return new Date(`${draft.date}T${draft.time}`).toISOString();
}

export function createBody(draft: ReminderDraft): AnimalSchemas["ReminderCreate"] {
  return {
    title: draft.title.trim(),
    animal_id: draft.target === "animal" ? draft.animalId : null,
    enclosure_id: draft.target === "enclosure" ? draft.enclosureId : null,
    kind: draft.kind || null,
    interval_days: intervalOf(draft),
    next_due_at: dueAt(draft),
  };
}

/** Only what changed; the target of a reminder cannot change (create another instead). */
export function updateBody(draft: ReminderDraft, reminder: Reminder): AnimalSchemas["ReminderUpdate"] {
  const body: AnimalSchemas["ReminderUpdate"] = {};
  const before = draftFromReminder(reminder);
  if (draft.title.trim() !== reminder.title) body.title = draft.title.trim();
  if ((draft.kind || null) !== reminder.kind) body.kind = draft.kind || null;
  const interval = intervalOf(draft);
  if (interval !== reminder.interval_days) body.interval_days = interval;
  if (draft.date !== before.date || draft.time !== before.time) body.next_due_at = dueAt(draft);
  return body;
}
