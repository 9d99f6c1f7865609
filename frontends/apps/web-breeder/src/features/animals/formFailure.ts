import { ApiProblem } from "@reptidex/api-client";

import { explain, type Explanation } from "../../lib/problems";

export interface FormFailure {
  /** Messages to show on the fields, by field name. */
  fields: Record<string, string>;
  /** The failure in plain words, for the top of the form. */
  summary: Explanation | null;
}

// Refusals that are about one field even though they are not a 422.
const FIELD_OF_CONFLICT: Record<string, string> = { "display-id-taken": "display_id" };

/**
 * A failed save as a form shows it: each field's message on the field, and a summary that
 * names (in words, not API names) only what the fields cannot show themselves.
 */
export function formFailure(error: unknown, labels: Record<string, string>, shown: readonly string[]): FormFailure {
  if (!error) return { fields: {}, summary: null };
  const summary = explain(error);
  if (!(error instanceof ApiProblem)) return { fields: {}, summary };
  const fields: Record<string, string> = error.status === 422 || error.status === 400 ? error.fieldErrors() : {};
  const conflictField = FIELD_OF_CONFLICT[error.slug];
  if (error.status === 409 && conflictField) fields[conflictField] = error.detail;
  const visible = Object.entries(fields).filter(([field]) => shown.includes(field));
  const elsewhere = Object.entries(fields).filter(([field]) => !shown.includes(field));
  if (!visible.length) return { fields, summary };
  const message = elsewhere.length
    ? elsewhere.map(([field, text]) => `${labels[field] ?? field}: ${text}`).join(" ")
    : visible.length === 1
      ? `${labels[visible[0]![0]] ?? visible[0]![0]}: ${visible[0]![1]}`
      : `${visible.length} fields need a change; each says why below.`;
  return {
    fields,
    summary: {
      title: error.status === 409 ? summary.title : "Not saved yet",
      message,
      next: "Correct the marked fields and save again.",
    },
  };
}
