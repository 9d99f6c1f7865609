import { ApiProblem, unwrap, type AnimalSchemas } from "@reptidex/api-client";

import { api } from "../../api";
import type { DryRun } from "./importReport";

export type ImportResult = AnimalSchemas["ImportResult"];
export type ImportJob = AnimalSchemas["ImportJobRead"];
export type ExportFormat = "csv" | "json";

const IMPORT_PATH = "/api/v1/vivariums/{vivarium_id}/animals/import";

/** The file is sent as the raw `text/csv` body: the API's simplest form, no multipart framing. */
function importRequest(vivariumId: string, csv: string, dryRun: boolean) {
  return api.animal.POST(IMPORT_PATH, {
    params: { path: { vivarium_id: vivariumId }, query: { dry_run: dryRun } },
    body: csv,
    // Sent as it is: the default serializer would JSON-encode the text.
    bodySerializer: (body: unknown) => (typeof body === "string" ? body : ""),
    headers: { "Content-Type": "text/csv" },
  });
}

/** Every bad row and a preview; writes nothing. */
export async function dryRunImport(vivariumId: string, csv: string): Promise<DryRun> {
  return (await unwrap(importRequest(vivariumId, csv, true))) as DryRun;
}

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 500;

/** Queue the import: the file is checked again (422 / 402 at once), then a job writes it. */
export async function startImport(vivariumId: string, csv: string): Promise<ImportJob> {
  return (await unwrap(importRequest(vivariumId, csv, false))) as ImportJob;
}

export async function getImportJob(vivariumId: string, jobId: string): Promise<ImportJob> {
  return unwrap(
    api.animal.GET("/api/v1/vivariums/{vivarium_id}/animals/import/jobs/{job_id}", {
      params: { path: { vivarium_id: vivariumId, job_id: jobId } },
    }),
  );
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * All rows or none: starts the job and follows it, telling `onProgress` each state, until it
 * ends. A failed job throws its problem as an ApiProblem (a 422 lists the rows to fix), as a
 * refused request would.
 */
export async function runImport(
  vivariumId: string,
  csv: string,
  onProgress: (job: ImportJob) => void = () => undefined,
): Promise<ImportResult> {
  let job = await startImport(vivariumId, csv);
  for (;;) {
    onProgress(job);
    if (job.status === "succeeded" && job.result) return job.result;
    if (job.status === "failed") {
      const problem = job.problem;
      throw new ApiProblem(problem?.status ?? 500, {
        type: problem?.type,
        title: problem?.title,
        status: problem?.status,
        detail: problem?.detail ?? "The import failed; nothing was imported.",
        errors: problem?.errors ?? [],
      });
    }
    await wait(IMPORT_POLL_MS);
    job = await getImportJob(vivariumId, job.id);
  }
}

/** The whole collection as a file, fetched with the session's bearer token. */
export async function exportCollection(vivariumId: string, format: ExportFormat): Promise<Blob> {
  return unwrap(
    api.animal.GET("/api/v1/vivariums/{vivarium_id}/animals/export", {
      params: { path: { vivarium_id: vivariumId }, query: { format } },
      parseAs: "blob",
    }),
  ) as Promise<Blob>;
}
