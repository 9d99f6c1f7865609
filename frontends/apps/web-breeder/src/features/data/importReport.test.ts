import { ApiProblem, type FieldError } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import {
  buildReport,
  columnLabel,
  explainImportFailure,
  reportFromRejection,
  reportSummary,
  type DryRun,
  type PreviewRow,
} from "./importReport";

function preview(row: number, displayId: string | null = `BP-${row}`): PreviewRow {
  return {
    row,
    display_id: displayId,
    name: null,
    species: "Ball python",
    sex: "unknown",
    hatch_date: null,
    status: "active",
    visibility: "private",
    morph: null,
    sire: null,
    dam: null,
    genotype: [],
  };
}

function dryRun(overrides: Partial<DryRun>): DryRun {
  return { valid: true, rows: 0, errors: [], plan_limit: null, preview: [], preview_truncated: false, ...overrides };
}

describe("buildReport", () => {
  it("lists every row in file order, each ready or with its problems", () => {
    const report = buildReport(
      dryRun({
        valid: false,
        rows: 3,
        preview: [preview(2), preview(3), preview(4)],
        errors: [
          { row: 4, column: "sex", value: "x", message: "'x' is not one of: male, female, unknown." },
          { row: 2, column: "hatch_date", value: "2099-01-01", message: "'2099-01-01' is in the future." },
          { row: 4, column: "species", value: "Dragon", message: "Unknown species 'Dragon'." },
        ],
      }),
    );
    expect(report.rows.map((r) => [r.row, r.ok, r.problems.length])).toEqual([
      [2, false, 1],
      [3, true, 0],
      [4, false, 2],
    ]);
    expect(report.rows[0]!.problems[0]).toMatchObject({ column: "hatch_date", columnLabel: "Hatch date" });
    expect(report.rows[1]!.preview?.display_id).toBe("BP-3");
    expect(report.badRows).toBe(2);
    expect(report.canImport).toBe(false);
  });

  it("keeps a bad row that lies past the preview limit", () => {
    const report = buildReport(
      dryRun({
        valid: false,
        rows: 600,
        preview: [preview(2)],
        preview_truncated: true,
        errors: [{ row: 590, column: "dam", value: "X", message: "No animal with display id 'X'." }],
      }),
    );
    expect(report.rows.map((r) => r.row)).toEqual([2, 590]);
    expect(report.rows[1]!.preview).toBeNull();
    expect(report.previewTruncated).toBe(true);
  });

  it("allows the import only when the API says the file is valid and within the plan", () => {
    expect(buildReport(dryRun({ rows: 1, preview: [preview(2)] })).canImport).toBe(true);
    const limited = buildReport(
      dryRun({ valid: false, rows: 1, preview: [preview(2)], plan_limit: "Your plan allows 50 animals." }),
    );
    expect(limited.canImport).toBe(false);
    expect(limited.planLimit).toBe("Your plan allows 50 animals.");
    expect(reportSummary(limited)).toMatch(/plan's limit/);
  });

  it("counts problems per row, not per error, in its summary", () => {
    const report = buildReport(
      dryRun({
        valid: false,
        rows: 12,
        preview: [preview(2)],
        errors: [
          { row: 2, column: "sex", value: "x", message: "bad" },
          { row: 2, column: "status", value: "y", message: "bad" },
        ],
      }),
    );
    expect(reportSummary(report)).toBe("1 of 12 rows has problems. Nothing has been imported.");
    expect(reportSummary(buildReport(dryRun({ rows: 4, preview: [preview(2)] })))).toBe("All 4 rows are ready to import.");
  });
});

describe("reportFromRejection", () => {
  const previous = dryRun({ rows: 2, preview: [preview(2), preview(3)] });

  it("shows the rows a real import refused on the last check's preview", () => {
    const problem = new ApiProblem(422, {
      title: "Import rejected",
      detail: "1 of 2 rows have errors",
      errors: [{ row: 3, column: "sire", value: "BP-1", message: "The sire hatched after this animal." }] as unknown as FieldError[],
    });
    const report = reportFromRejection(problem, previous);
    expect(report?.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(report?.canImport).toBe(false);
  });

  it("leaves other failures to the general explanation", () => {
    expect(reportFromRejection(new ApiProblem(402, { detail: "limit" }), previous)).toBeNull();
    expect(reportFromRejection(new ApiProblem(422, { detail: "The header row is not valid" }), previous)).toBeNull();
  });
});

describe("explainImportFailure", () => {
  it("says the file cannot be read, with the API's reason", () => {
    const failure = explainImportFailure(new ApiProblem(422, { detail: "The header row is not valid (unknown column(s): colour)." }));
    expect(failure.title).toBe("The file cannot be read");
    expect(failure.message).toContain("colour");
    expect(failure.next).toMatch(/choose it again/);
  });
});

it("names columns in plain words", () => {
  expect(columnLabel("display_id")).toBe("ID");
  expect(columnLabel("something_new")).toBe("something new");
  expect(columnLabel(null)).toBeNull();
});
