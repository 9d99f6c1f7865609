import { Button, Card } from "@reptidex/ui";
import { FileJson, FileSpreadsheet } from "lucide-react";
import { useState } from "react";

import { notifyError } from "../../lib/notify";
import { exportCollection, type ExportFormat } from "./dataApi";
import { exportFilename, saveFile } from "./download";

/** The whole collection as a file: any member may take the records with them. */
export function ExportPanel({ vivariumId, vivariumSlug, vivariumName }: { vivariumId: string; vivariumSlug: string; vivariumName: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  async function download(format: ExportFormat) {
    setBusy(format);
    try {
      const blob = await exportCollection(vivariumId, format);
      saveFile(blob, exportFilename(vivariumSlug, format));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="flex flex-col gap-3">
      <div>
        <h2 className="text-lg font-semibold">Export {vivariumName}</h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Your records are yours. Archived animals are included so pedigrees stay whole.
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-2 rounded-xl border border-stone-200 p-3 dark:border-stone-800">
          <p className="text-sm">
            <strong>CSV</strong> — one row per animal with genotype and parents; opens in any spreadsheet and can be
            imported again.
          </p>
          <Button
            variant="secondary"
            icon={<FileSpreadsheet aria-hidden="true" size={16} />}
            busy={busy === "csv"}
            disabled={busy !== null}
            onClick={() => void download("csv")}
          >
            Download CSV
          </Button>
        </div>
        <div className="flex flex-col gap-2 rounded-xl border border-stone-200 p-3 dark:border-stone-800">
          <p className="text-sm">
            <strong>JSON</strong> — everything: animals, genotypes, husbandry logs, pairings, clutches and enclosures.
          </p>
          <Button
            variant="secondary"
            icon={<FileJson aria-hidden="true" size={16} />}
            busy={busy === "json"}
            disabled={busy !== null}
            onClick={() => void download("json")}
          >
            Download JSON
          </Button>
        </div>
      </div>
    </Card>
  );
}
