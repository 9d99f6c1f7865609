import type { AnimalSchemas } from "@reptidex/api-client";

import { formatGrams } from "@reptidex/ui";

export type LogKind = AnimalSchemas["LogKind"];
export type FeedingOutcome = AnimalSchemas["FeedingOutcome"];
type LogRead = AnimalSchemas["LogRead"];
export type LogBody =
  | AnimalSchemas["FeedingLog"]
  | AnimalSchemas["WeightLog"]
  | AnimalSchemas["ShedLog"]
  | AnimalSchemas["HealthLog"]
  | AnimalSchemas["VetLog"]
  | AnimalSchemas["MedicationLog"]
  | AnimalSchemas["CleaningLog"]
  | AnimalSchemas["NoteLog"];

export const LOG_KINDS: readonly LogKind[] = ["feeding", "weight", "shed", "health", "vet", "medication", "cleaning", "note"];

export const LOG_KIND_LABEL: Record<LogKind, string> = {
  feeding: "Feeding",
  weight: "Weight",
  shed: "Shed",
  health: "Health",
  vet: "Vet visit",
  medication: "Medication",
  cleaning: "Cleaning",
  note: "Note",
};

export const OUTCOME_LABEL: Record<FeedingOutcome, string> = {
  accepted: "Ate",
  refused: "Refused",
  regurgitated: "Regurgitated",
};

/** A log being written: every input as typed. */
export interface LogDraft {
  kind: LogKind;
  /** `YYYY-MM-DDTHH:mm` in the breeder's time zone, as a datetime-local input holds it. */
  occurred_at: string;
  prey_type: string;
  prey_size: string;
  prey_count: string;
  outcome: FeedingOutcome;
  grams: string;
  length_cm: string;
  complete: boolean;
  drug: string;
  dose: string;
  route: string;
  course_days: string;
  notes: string;
}

/** A Date as a datetime-local value, in local time. */
export function localDateTime(date: Date): string {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

export function emptyDraft(kind: LogKind, now = new Date()): LogDraft {
  return {
    kind,
    occurred_at: localDateTime(now),
    prey_type: "",
    prey_size: "",
    prey_count: "1",
    outcome: "accepted",
    grams: "",
    length_cm: "",
    complete: true,
    drug: "",
    dose: "",
    route: "",
    course_days: "",
    notes: "",
  };
}

/** "12,5" (a European keyboard) or "12.5": the number, or NaN. */
export function parseDecimal(value: string): number {
  const text = value.trim().replace(",", ".");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

function wholeNumber(value: string, min: number, max: number): boolean {
  return /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;
}

/** What the form can tell before sending, keyed like the server's field errors. */
export function checkDraft(draft: LogDraft, now = new Date()): Record<string, string> {
  const errors: Record<string, string> = {};
  const when = new Date(draft.occurred_at);
  if (!draft.occurred_at || Number.isNaN(when.getTime())) errors.occurred_at = "Enter when it happened.";
  else if (when.getTime() > now.getTime() + 5 * 60_000) errors.occurred_at = "This is in the future; log it once it has happened.";
  switch (draft.kind) {
    case "feeding":
      if (!draft.prey_type.trim()) errors.prey_type = "What was offered, e.g. rat or dubia roach.";
      if (!wholeNumber(draft.prey_count, 1, 100)) errors.prey_count = "A whole number from 1 to 100.";
      break;
    case "weight": {
      const grams = parseDecimal(draft.grams);
      if (!(grams > 0 && grams < 10_000_000)) errors.grams = "The weight in grams, e.g. 85 or 1250.5.";
      if (draft.length_cm.trim() && !(parseDecimal(draft.length_cm) > 0)) errors.length_cm = "The length in centimetres, or leave it empty.";
      break;
    }
    case "health":
    case "vet":
    case "note":
      if (!draft.notes.trim()) errors.notes = "Write what you observed or what was done.";
      break;
    case "medication":
      if (!draft.drug.trim()) errors.drug = "The drug's name.";
      if (!draft.dose.trim()) errors.dose = "The dose, e.g. 0.1 ml/kg.";
      if (draft.course_days.trim() && !wholeNumber(draft.course_days, 1, 365)) errors.course_days = "A whole number of days from 1 to 365.";
      break;
    default:
      break;
  }
  return errors;
}

function optional(value: string): string | null {
  return value.trim() || null;
}

/** The request body for this kind, with exactly that kind's fields. */
export function draftToBody(draft: LogDraft): LogBody {
  const occurred_at = new Date(draft.occurred_at).toISOString();
  const notes = optional(draft.notes);
  switch (draft.kind) {
    case "feeding":
      return {
        kind: "feeding",
        occurred_at,
        prey_type: draft.prey_type.trim(),
        prey_size: optional(draft.prey_size),
        prey_count: Number(draft.prey_count),
        outcome: draft.outcome,
        notes,
      };
    case "weight":
      return {
        kind: "weight",
        occurred_at,
        grams: parseDecimal(draft.grams),
        length_cm: draft.length_cm.trim() ? parseDecimal(draft.length_cm) : null,
        notes,
      };
    case "shed":
      return { kind: "shed", occurred_at, complete: draft.complete, notes };
    case "health":
      return { kind: "health", occurred_at, notes: draft.notes.trim(), details: {} };
    case "vet":
      return { kind: "vet", occurred_at, notes: draft.notes.trim(), details: {} };
    case "medication":
      return {
        kind: "medication",
        occurred_at,
        drug: draft.drug.trim(),
        dose: draft.dose.trim(),
        route: optional(draft.route),
        course_days: draft.course_days.trim() ? Number(draft.course_days) : null,
        notes,
      };
    case "cleaning":
      return { kind: "cleaning", occurred_at, notes };
    case "note":
      return { kind: "note", occurred_at, notes: draft.notes.trim() };
  }
}

/** One log entry in a line: "Ate 2 small rat", "85 g · 42 cm", "Shed, incomplete". */
export function describeLog(log: LogRead): string {
  switch (log.kind) {
    case "feeding": {
      const prey = [log.prey_count && log.prey_count > 1 ? String(log.prey_count) : null, log.prey_size, log.prey_type]
        .filter(Boolean)
        .join(" ");
      const outcome = log.feeding_outcome ? OUTCOME_LABEL[log.feeding_outcome] : "Offered";
      return prey ? `${outcome}: ${prey}` : outcome;
    }
    case "weight":
      return [log.weight_grams != null ? formatGrams(log.weight_grams) : null, log.length_cm != null ? `${log.length_cm} cm` : null]
        .filter(Boolean)
        .join(" · ");
    case "shed":
      return log.shed_complete === false ? "Incomplete shed" : "Complete shed";
    case "medication": {
      const drug = typeof log.details.drug === "string" ? log.details.drug : null;
      const dose = typeof log.details.dose === "string" ? log.details.dose : null;
      return [drug, dose].filter(Boolean).join(", ") || "Medication";
    }
    default:
      return LOG_KIND_LABEL[log.kind];
  }
}
