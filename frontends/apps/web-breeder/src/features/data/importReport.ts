import { ApiProblem, type AnimalSchemas } from "@reptidex/api-client";

import { explain, type Explanation } from "../../lib/problems";

export type DryRun = AnimalSchemas["ImportDryRun"];
export type RowError = AnimalSchemas["ImportRowError"];
export type PreviewRow = AnimalSchemas["ImportPreviewRow"];

/** One problem in a row, in the words a breeder reads next to the cell it names. */
export interface RowProblem {
  column: string | null;
  /** "Hatch date", or null when the problem is about the whole row. */
  columnLabel: string | null;
  value: string | null;
  message: string;
}

/** One line of the file as the report shows it: what it would create, or what is wrong. */
export interface ReportRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  ok: boolean;
  problems: RowProblem[];
  /** What the row would create; missing for rows beyond the API's preview limit. */
  preview: PreviewRow | null;
}

export interface ImportReport {
  /** Animal rows in the file (blank lines are skipped by the API). */
  total: number;
  rows: ReportRow[];
  badRows: number;
  /** Why the import would be refused although every row is fine (the plan's animal limit). */
  planLimit: string | null;
  /** The import may be confirmed: the API writes all rows or none, so any error blocks it. */
  canImport: boolean;
  previewTruncated: boolean;
}

const COLUMN_LABELS: Record<string, string> = {
  display_id: "ID",
  name: "Name",
  species: "Species",
  sex: "Sex",
  hatch_date: "Hatch date",
  status: "Status",
  visibility: "Visibility",
  morph: "Morph",
  sire: "Sire",
  dam: "Dam",
  microchip: "Microchip",
  notes: "Notes",
  genotype: "Genotype",
};

export function columnLabel(column: string | null | undefined): string | null {
  if (!column) return null;
  return COLUMN_LABELS[column] ?? column.replaceAll("_", " ");
}

function toProblem(error: RowError): RowProblem {
  return {
    column: error.column,
    columnLabel: columnLabel(error.column),
    value: error.value,
    message: error.message,
  };
}

/**
 * The dry run as one entry per row, in file order: every previewed row (fine or not) and every
 * row that has an error, even past the preview limit, so no bad row is left out.
 */
export function buildReport(dryRun: DryRun): ImportReport {
  const byRow = new Map<number, ReportRow>();
  const entry = (row: number): ReportRow => {
    let found = byRow.get(row);
    if (!found) {
      found = { row, ok: true, problems: [], preview: null };
      byRow.set(row, found);
    }
    return found;
  };
  for (const preview of dryRun.preview) entry(preview.row).preview = preview;
  for (const error of dryRun.errors) {
    const row = entry(error.row);
    row.ok = false;
    row.problems.push(toProblem(error));
  }
  const rows = [...byRow.values()].sort((a, b) => a.row - b.row);
  const badRows = rows.filter((row) => !row.ok).length;
  return {
    total: dryRun.rows,
    rows,
    badRows,
    planLimit: dryRun.plan_limit,
    canImport: dryRun.valid && badRows === 0 && !dryRun.plan_limit && dryRun.rows > 0,
    previewTruncated: dryRun.preview_truncated,
  };
}

/**
 * A refused import (422 `import-rejected`) lists its bad rows like a dry run does; turn it into
 * a report on top of the last dry run's preview, so the breeder sees the same screen.
 */
export function reportFromRejection(error: unknown, previous: DryRun | null): ImportReport | null {
  if (!(error instanceof ApiProblem) || error.status !== 422) return null;
  const errors = rowErrors(error.body.errors);
  if (!errors.length) return null;
  return buildReport({
    valid: false,
    rows: previous?.rows ?? new Set(errors.map((e) => e.row)).size,
    errors,
    plan_limit: null,
    preview: previous?.preview ?? [],
    preview_truncated: previous?.preview_truncated ?? false,
  });
}

function rowErrors(value: unknown): RowError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!item || typeof item !== "object") return [];
    const { row, column, value: cell, message } = item as Record<string, unknown>;
    if (typeof row !== "number" || typeof message !== "string") return [];
    return [
      {
        row,
        column: typeof column === "string" ? column : null,
        value: typeof cell === "string" ? cell : null,
        message,
      },
    ];
  });
}

/** "3 of 12 rows have problems", "All 12 rows are ready", for the report's heading. */
export function reportSummary(report: ImportReport): string {
  const rows = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;
  if (report.badRows) {
    const verb = report.badRows === 1 ? "has" : "have";
    return `${report.badRows} of ${rows(report.total)} ${verb} problems. Nothing has been imported.`;
  }
  if (report.planLimit) return `All ${rows(report.total)} are fine, but your plan's limit stops the import.`;
  return report.total === 1 ? "The row is ready to import." : `All ${rows(report.total)} are ready to import.`;
}

/** Why a file could not be checked at all (not UTF-8, a bad header, too large), and what to do. */
export function explainImportFailure(error: unknown): Explanation {
  if (error instanceof ApiProblem && error.status === 422) {
    return {
      title: "The file cannot be read",
      message: error.detail || "The file is not a CSV the import understands.",
      next: "Fix the file in your spreadsheet, save it as CSV UTF-8, then choose it again.",
    };
  }
  return explain(error);
}
