import { Badge, Button, cx, SEX_LABEL } from "@reptidex/ui";
import { CircleAlert, CircleCheck } from "lucide-react";
import { useState } from "react";

import type { ImportReport, ReportRow, RowProblem } from "./importReport";

type Filter = "all" | "problems" | "ready";
const PAGE = 100;

/** The dry run, row by row: what each line of the file would create, or what is wrong with it. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const [filter, setFilter] = useState<Filter>(report.badRows ? "problems" : "all");
  const [shown, setShown] = useState(PAGE);
  const counts: Record<Filter, number> = {
    all: report.rows.length,
    problems: report.badRows,
    ready: report.rows.length - report.badRows,
  };
  const rows = report.rows.filter(
    (row) => filter === "all" || (filter === "problems" ? !row.ok : row.ok),
  );
  const labels: Record<Filter, string> = { all: "All rows", problems: "With problems", ready: "Ready" };

  return (
    <div className="flex flex-col gap-3">
      <div role="group" aria-label="Show rows" className="flex flex-wrap gap-2">
        {(Object.keys(labels) as Filter[]).map((key) => (
          <Button
            key={key}
            size="sm"
            variant={filter === key ? "primary" : "secondary"}
            aria-pressed={filter === key}
            onClick={() => {
              setFilter(key);
              setShown(PAGE);
            }}
          >
            {labels[key]} ({counts[key]})
          </Button>
        ))}
      </div>
      <ol aria-label="Rows of the file" className="flex flex-col gap-2">
        {rows.slice(0, shown).map((row) => (
          <ReportRowItem key={row.row} row={row} />
        ))}
      </ol>
      {rows.length > shown ? (
        <Button variant="secondary" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more rows
        </Button>
      ) : null}
      {report.previewTruncated ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          The preview covers the first 500 rows; every row with a problem is listed all the same.
        </p>
      ) : null}
    </div>
  );
}

function ReportRowItem({ row }: { row: ReportRow }) {
  const label = `Row ${row.row}`;
  return (
    <li
      aria-label={`${label}: ${row.ok ? "ready" : `${row.problems.length} ${row.problems.length === 1 ? "problem" : "problems"}`}`}
      className={cx(
        "rounded-xl border p-3 text-sm",
        row.ok
          ? "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900"
          : "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30",
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold tabular-nums">{label}</span>
        {row.ok ? (
          <Badge tone="teal">
            <CircleCheck aria-hidden="true" size={14} /> Ready
          </Badge>
        ) : (
          <Badge tone="red">
            <CircleAlert aria-hidden="true" size={14} />
            {row.problems.length === 1 ? "1 problem" : `${row.problems.length} problems`}
          </Badge>
        )}
        {row.preview ? <PreviewSummary row={row} /> : null}
      </div>
      {row.problems.length ? (
        <ul className="mt-2 flex flex-col gap-1">
          {row.problems.map((problem, index) => (
            <ProblemLine key={index} problem={problem} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ProblemLine({ problem }: { problem: RowProblem }) {
  const showValue = problem.value && !problem.message.includes(problem.value);
  return (
    <li className="text-red-900 dark:text-red-200">
      {problem.columnLabel ? <strong className="font-semibold">{problem.columnLabel}: </strong> : null}
      {problem.message}
      {showValue ? (
        <span className="text-red-800/80 dark:text-red-300/80"> (the cell says “{problem.value}”)</span>
      ) : null}
    </li>
  );
}

function PreviewSummary({ row }: { row: ReportRow }) {
  const preview = row.preview!;
  const facts = [
    preview.species,
    SEX_LABEL[preview.sex],
    preview.hatch_date ? `hatched ${preview.hatch_date}` : null,
    preview.status !== "active" ? preview.status : null,
    preview.morph,
  ].filter(Boolean);
  const parents = [preview.sire ? `sire ${preview.sire}` : null, preview.dam ? `dam ${preview.dam}` : null].filter(Boolean);
  return (
    <div className="flex min-w-0 basis-full flex-col gap-1 sm:basis-auto sm:flex-1">
      <p className="min-w-0">
        <span className="font-medium">{preview.display_id ?? "ID assigned on import"}</span>
        {preview.name ? <span> · {preview.name}</span> : null}
        {facts.length ? <span className="text-stone-600 dark:text-stone-400"> — {facts.join(", ")}</span> : null}
      </p>
      {parents.length || preview.genotype.length ? (
        <p className="flex flex-wrap items-center gap-1 text-stone-600 dark:text-stone-400">
          {parents.length ? <span className="mr-1">{parents.join(" · ")}</span> : null}
          {preview.genotype.map((gene) => (
            <Badge key={gene} tone="sky">
              {gene}
            </Badge>
          ))}
        </p>
      ) : null}
    </div>
  );
}
