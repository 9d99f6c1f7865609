import { Badge, Button, buttonClass, GenotypeList, sortGenes } from "@reptidex/ui";
import { ChevronLeft, GitFork, ImageIcon, Share2 } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { useCoi, type Animal } from "../../queries/animals";
import type { Species } from "../../queries/catalogue";
import { SharePanel } from "../pedigree/SharePanel";
import { SexMark } from "./CollectionList";
import { formatCoi, formatDate, generationsLabel, STATUS_LABEL, VISIBILITY_LABEL } from "./labels";

/** Wright's COI with the depth it was computed on: a COI without its depth misleads. */
function CoiLine({ animal }: { animal: Animal }) {
  const coi = useCoi(animal.id);
  const hasParents = Boolean(animal.sire || animal.dam);
  if (coi.isPending) return <span className="text-sm text-stone-500 dark:text-stone-400">COI …</span>;
  if (coi.isError || !coi.data) return <span className="text-sm text-stone-600 dark:text-stone-400">COI unavailable</span>;
  return (
    <span className="text-sm" title="Wright's inbreeding coefficient, from the recorded pedigree">
      <abbr title="Coefficient of inbreeding" className="font-semibold no-underline">
        COI
      </abbr>{" "}
      <span className="font-semibold tabular-nums">{formatCoi(coi.data.coi)}</span>
      <span className="text-stone-600 dark:text-stone-400"> · {generationsLabel(coi.data.generations)}</span>
      {!hasParents ? <span className="text-stone-600 dark:text-stone-400"> · no parents recorded</span> : null}
    </span>
  );
}

export function AnimalHeader({ animal, species }: { animal: Animal; species: Species | undefined }) {
  const [sharing, setSharing] = useState(false);
  const genes = sortGenes(
    animal.genotype.map((gene) => ({
      trait_name: gene.trait_name,
      state: gene.state,
      het_percent: gene.het_percent,
      welfare_flag: gene.welfare_flag,
    })),
  );
  return (
    <header className="mb-4 flex flex-col gap-3">
      <Link
        to="/animals"
        className="no-print inline-flex items-center gap-1 self-start rounded text-sm font-medium text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300"
      >
        <ChevronLeft aria-hidden="true" size={16} />
        Collection
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight break-words">
            <span className="font-mono">{animal.display_id}</span>
            {animal.name ? <span> · {animal.name}</span> : null}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700 dark:text-stone-300">
            <SexMark sex={animal.sex} labelled />
            <span aria-hidden="true">·</span>
            <span>
              {species ? (
                <>
                  {species.common_name} <i className="text-stone-600 dark:text-stone-400">({species.scientific_name})</i>
                </>
              ) : (
                "Species loading…"
              )}
            </span>
            {animal.hatch_date ? (
              <>
                <span aria-hidden="true">·</span>
                <span>Hatched {formatDate(animal.hatch_date)}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <Link to={`/animals/${animal.id}/pedigree`} className={buttonClass({ variant: "secondary" })}>
            <GitFork aria-hidden="true" size={18} />
            Pedigree
          </Link>
          <Button
            variant="secondary"
            aria-expanded={sharing}
            aria-controls="animal-share"
            onClick={() => setSharing((open) => !open)}
            icon={<Share2 aria-hidden="true" size={18} />}
          >
            Share
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {animal.archived_at ? <Badge tone="red">Archived</Badge> : null}
        <Badge tone={animal.status === "active" ? "teal" : "amber"}>{STATUS_LABEL[animal.status]}</Badge>
        <Badge tone={animal.visibility === "public" ? "sky" : "neutral"}>{VISIBILITY_LABEL[animal.visibility]}</Badge>
        <CoiLine animal={animal} />
      </div>
      {genes.length ? (
        <GenotypeList genes={genes} />
      ) : animal.morph ? (
        <p className="text-sm text-stone-700 dark:text-stone-300">{animal.morph}</p>
      ) : null}
      {/* The pedigree page's share panel (public link, QR code, making it public), unfolded here. */}
      <div id="animal-share" hidden={!sharing}>
        {sharing ? <SharePanel animal={animal} /> : null}
      </div>
    </header>
  );
}

/** Where photos will be: said plainly, so nobody looks for an upload button that isn't there. */
export function PhotosPanel() {
  return (
    <section
      aria-labelledby="photos-heading"
      className="flex items-center gap-3 rounded-2xl border border-dashed border-stone-300 px-4 py-3 text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400"
    >
      <ImageIcon aria-hidden="true" size={28} className="shrink-0" />
      <div>
        <h2 id="photos-heading" className="font-semibold text-stone-800 dark:text-stone-200">
          Photos
        </h2>
        <p>Photos arrive with the media service; until then, describe the animal in its morph and notes.</p>
      </div>
    </section>
  );
}
