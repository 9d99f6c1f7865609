import { Button, buttonClass, Card, cx, ErrorState, Spinner } from "@reptidex/ui";
import { useQueryClient } from "@tanstack/react-query";
import { FileUp, Upload } from "lucide-react";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { Link } from "react-router";

import { notifySuccess } from "../../lib/notify";
import { keys } from "../../queries/keys";
import { ColumnHelp } from "./ColumnHelp";
import { dryRunImport, runImport, type ImportJob, type ImportResult } from "./dataApi";
import {
  buildReport,
  explainImportFailure,
  reportFromRejection,
  reportSummary,
  type DryRun,
  type ImportReport,
} from "./importReport";
import { ImportReportView } from "./ImportReportView";

const MAX_BYTES = 5 * 1024 * 1024;

type Step =
  | { kind: "idle" }
  | { kind: "checking"; fileName: string }
  | { kind: "failed"; fileName: string; error: unknown }
  | { kind: "checked"; fileName: string; csv: string; dryRun: DryRun; report: ImportReport }
  | {
      kind: "importing";
      fileName: string;
      csv: string;
      dryRun: DryRun;
      report: ImportReport;
      /** The job as last read: queued, then running with rows written so far. */
      job: ImportJob | null;
    }
  | { kind: "done"; fileName: string; result: ImportResult };

/**
 * Import in two steps: the file is checked first (a dry run that writes nothing) and its report
 * shown row by row; only a file without problems can then be imported, all rows at once, by a
 * job on the server whose progress is shown until it reports what it created.
 */
export function ImportPanel({ vivariumId }: { vivariumId: string }) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });

  async function check(file: File) {
    if (file.size > MAX_BYTES) {
      setStep({
        kind: "failed",
        fileName: file.name,
        error: new Error("The file is larger than 5 MB. Split it into several files and import them one by one."),
      });
      return;
    }
    setStep({ kind: "checking", fileName: file.name });
    try {
      const csv = await file.text();
      const dryRun = await dryRunImport(vivariumId, csv);
      setStep({ kind: "checked", fileName: file.name, csv, dryRun, report: buildReport(dryRun) });
    } catch (error) {
      setStep({ kind: "failed", fileName: file.name, error });
    }
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same (corrected) file again checks it again.
    event.target.value = "";
    if (file) void check(file);
  }

  async function confirm() {
    if (step.kind !== "checked") return;
    const checked = step;
    setStep({ ...checked, kind: "importing", job: null });
    try {
      const result = await runImport(vivariumId, checked.csv, (job) =>
        setStep({ ...checked, kind: "importing", job }),
      );
      await queryClient.invalidateQueries({ queryKey: keys.animals(vivariumId) });
      notifySuccess(`Imported ${result.created} ${result.created === 1 ? "animal" : "animals"}.`);
      setStep({ kind: "done", fileName: checked.fileName, result });
    } catch (error) {
      const rejected = reportFromRejection(error, checked.dryRun);
      if (rejected) setStep({ ...checked, kind: "checked", report: rejected });
      else setStep({ kind: "failed", fileName: checked.fileName, error });
    }
  }

  const busy = step.kind === "checking" || step.kind === "importing";
  return (
    <Card className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Import animals from a CSV file</h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Your file is checked first and nothing is saved until you confirm. Every row with a problem is listed with
          what to fix; the import then adds all rows at once, or none.
        </p>
      </div>

      <ColumnHelp />

      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-sm font-medium text-stone-800 dark:text-stone-200">
          CSV file
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={onFile}
          aria-describedby={`${inputId}-hint`}
          className={cx(
            "block w-full rounded-lg border border-dashed border-stone-400 bg-stone-50 p-3 text-sm",
            "file:mr-3 file:min-h-9 file:rounded-lg file:border-0 file:bg-teal-700 file:px-3 file:font-medium file:text-white",
            "focus-visible:outline-2 focus-visible:outline-teal-600 dark:border-stone-600 dark:bg-stone-950 dark:file:bg-teal-600",
          )}
        />
        <p id={`${inputId}-hint`} className="text-xs text-stone-600 dark:text-stone-400">
          UTF-8 CSV (in Excel: “CSV UTF-8”), up to 5 MB and 10,000 animals. Choosing a file checks it right away.
        </p>
      </div>

      <StepView step={step} onConfirm={() => void confirm()} onAnother={() => input.current?.click()} />
    </Card>
  );
}

function StepView({ step, onConfirm, onAnother }: { step: Step; onConfirm: () => void; onAnother: () => void }) {
  switch (step.kind) {
    case "idle":
      return null;
    case "checking":
      return (
        <div aria-busy="true" className="flex items-center gap-2 text-sm">
          <Spinner size="sm" label="" /> Checking {step.fileName}…
        </div>
      );
    case "failed": {
      const { title, message, next } = explainImportFailure(step.error);
      return <ErrorState title={`${step.fileName}: ${title}`} message={message} next={next} />;
    }
    case "checked":
    case "importing":
      return <CheckedView step={step} onConfirm={onConfirm} onAnother={onAnother} />;
    case "done":
      return <DoneView result={step.result} fileName={step.fileName} onAnother={onAnother} />;
  }
}

function CheckedView({
  step,
  onConfirm,
  onAnother,
}: {
  step: Extract<Step, { kind: "checked" | "importing" }>;
  onConfirm: () => void;
  onAnother: () => void;
}) {
  const { report } = step;
  const count = report.total === 1 ? "1 animal" : `${report.total} animals`;
  const blocked = report.badRows
    ? "Fix the rows listed below in your spreadsheet, save it as CSV and choose it again."
    : report.planLimit;
  return (
    <section aria-labelledby="report-heading" className="flex flex-col gap-3">
      <div
        className={cx(
          "rounded-xl border p-3",
          report.canImport
            ? "border-teal-300 bg-teal-50 dark:border-teal-800 dark:bg-teal-950/40"
            : "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40",
        )}
      >
        <h3 id="report-heading" className="font-semibold">
          Check of {step.fileName}
        </h3>
        <p role="status" className="text-sm">
          {reportSummary(report)}
        </p>
        {blocked ? <p className="mt-1 text-sm">{blocked}</p> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          <Button
            icon={<Upload aria-hidden="true" size={16} />}
            onClick={onConfirm}
            disabled={!report.canImport}
            busy={step.kind === "importing"}
            aria-describedby={blocked ? "import-blocked" : undefined}
          >
            Import {count}
          </Button>
          <Button variant="secondary" icon={<FileUp aria-hidden="true" size={16} />} onClick={onAnother}>
            Choose another file
          </Button>
        </div>
        {step.kind === "importing" ? <ImportProgress job={step.job} /> : null}
        {blocked ? (
          <p id="import-blocked" className="sr-only">
            Import is not possible yet: {blocked}
          </p>
        ) : null}
      </div>
      <ImportReportView key={report.rows.length + report.badRows} report={report} />
    </section>
  );
}

/** The job's state while it runs: waiting for the worker, then rows written of all rows. */
function ImportProgress({ job }: { job: ImportJob | null }) {
  const total = job?.rows_total ?? 0;
  const done = job?.rows_done ?? 0;
  const label =
    !job || job.status === "queued"
      ? "Waiting for the import to start…"
      : `Importing: ${done.toLocaleString("en")} of ${total.toLocaleString("en")} rows written…`;
  return (
    <div className="mt-3 flex flex-col gap-1">
      <p className="text-sm" aria-live="polite">
        {label}
      </p>
      <progress
        aria-label="Import progress"
        className="h-2 w-full accent-teal-700"
        max={total || 1}
        value={job?.status === "running" ? done : undefined}
      />
    </div>
  );
}

/** Links for the first imported animals; a large import lists the rest as a count. */
const LISTED_ANIMALS = 120;

function DoneView({ result, fileName, onAnother }: { result: ImportResult; fileName: string; onAnother: () => void }) {
  return (
    <section aria-labelledby="import-done" className="flex flex-col gap-3">
      <div className="rounded-xl border border-teal-300 bg-teal-50 p-3 dark:border-teal-800 dark:bg-teal-950/40">
        <h3 id="import-done" className="font-semibold">
          Imported {result.created} {result.created === 1 ? "animal" : "animals"} from {fileName}
        </h3>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link
            to="/animals"
            className={buttonClass()}
          >
            Open the collection
          </Link>
          <Button variant="secondary" onClick={onAnother}>
            Import another file
          </Button>
        </div>
      </div>
      <ul aria-label="Imported animals" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {result.animals.slice(0, LISTED_ANIMALS).map((animal) => (
          <li key={animal.id}>
            <Link
              to={`/animals/${animal.id}`}
              className="flex min-h-11 items-center justify-between gap-2 rounded-lg border border-stone-200 px-3 text-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-teal-600 dark:border-stone-800 dark:hover:bg-stone-800"
            >
              <span className="font-medium">{animal.display_id}</span>
              <span className="text-stone-600 dark:text-stone-400">row {animal.row}</span>
            </Link>
          </li>
        ))}
      </ul>
      {result.animals.length > LISTED_ANIMALS ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          and {(result.animals.length - LISTED_ANIMALS).toLocaleString("en")} more in the collection.
        </p>
      ) : null}
    </section>
  );
}
