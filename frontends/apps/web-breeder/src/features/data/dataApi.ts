import { unwrap, type AnimalSchemas } from "@reptidex/api-client";

import { api } from "../../api";
import type { DryRun } from "./importReport";

export type ImportResult = AnimalSchemas["ImportResult"];
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

/** All rows or none: throws a 422 ApiProblem listing the bad rows when any is refused. */
export async function runImport(vivariumId: string, csv: string): Promise<ImportResult> {
  return (await unwrap(importRequest(vivariumId, csv, false))) as ImportResult;
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
