import { Card, PageHeader } from "@reptidex/ui";

import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { ExportPanel } from "./ExportPanel";
import { ImportPanel } from "./ImportPanel";

export default function DataPage() {
  const { current, vivariumId } = useVivarium();
  // The API lets curators and owners import: it writes many animals and pedigrees at once.
  const mayImport = useCan("curate");
  if (!current) return <PageHeader title="Import & export" />;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Import & export" subtitle={`Bring your records into ${current.vivarium_name}, or take them with you.`} />
      {mayImport ? (
        // Keyed by vivarium: a report checked against one vivarium means nothing in another.
        <ImportPanel key={vivariumId} vivariumId={vivariumId} />
      ) : (
        <Card>
          <h2 className="text-lg font-semibold">Import animals from a CSV file</h2>
          <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
            Importing adds many animals at once, so it needs the curator or owner role in {current.vivarium_name}. Ask
            the vivarium's owner to import your file or to change your role.
          </p>
        </Card>
      )}
      <ExportPanel vivariumId={vivariumId} vivariumSlug={current.vivarium_slug} vivariumName={current.vivarium_name} />
    </div>
  );
}
