import { buildPedigreeTree, Button, buttonClass, Card, EmptyState, ErrorState, hasRecordedParents, PageHeader, PedigreeTree, SEX_LABEL, SEX_SYMBOL, Skeleton, type PedigreeAnimalNode, type PedigreeLinkProps } from "@reptidex/ui";
import { ArrowLeft, Dna, Printer } from "lucide-react";
import { useId, useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { explain } from "../../lib/problems";
import { animalLabel, useAnimal, useCoi, type Animal } from "../../queries/animals";
import { useSpeciesById } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { CoiQueryState, CoiSummary } from "../genetics/CoiSummary";
import {
  GENERATION_CHOICES,
  parseGenerations,
  qrCodeUrl,
  usePedigree,
  usePedigreeQrAllowed,
} from "./queries";
import { SharePanel } from "./SharePanel";
import { usePrintInLight } from "./usePrintInLight";

// Printing: one landscape page, with the app around the pedigree left out (`no-print`).
const PRINT_CSS =
  "@media print { @page { size: landscape; margin: 8mm; } body { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }";

const routerLink = ({ href, children, ...props }: PedigreeLinkProps) => (
  <Link to={href} {...props}>
    {children}
  </Link>
);

/** Ancestors in the breeder's own vivariums open their animal page; others have none to open. */
const hrefFor = (node: PedigreeAnimalNode) => (node.access === "full" ? `/animals/${node.id}` : null);

export default function PedigreePage() {
  const { animalId = "" } = useParams();
  const animal = useAnimal(animalId);

  if (animal.isPending) return <PedigreeSkeleton />;
  if (animal.isError) {
    const { title, message, next } = explain(animal.error);
    return (
      <>
        <PageHeader title="Pedigree" />
        <ErrorState
          title={title}
          message={message}
          next={next}
          action={
            <Link to="/animals" className="text-sm font-medium underline">
              Back to the collection
            </Link>
          }
        />
      </>
    );
  }
  return <Pedigree animal={animal.data} />;
}

function Pedigree({ animal }: { animal: Animal }) {
  const [search, setSearch] = useSearchParams();
  const generations = parseGenerations(search.get("generations"));
  const pedigree = usePedigree(animal.id, generations);
  const coi = useCoi(animal.id);
  const species = useSpeciesById().get(animal.species_id);
  const selectId = useId();
  const label = animalLabel(animal);
  const tree = useMemo(() => (pedigree.data ? buildPedigreeTree(pedigree.data) : null), [pedigree.data]);
  const choices = [...new Set<number>([...GENERATION_CHOICES, generations])].sort((a, b) => a - b);
  usePrintInLight();

  function chooseGenerations(value: number) {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("generations", String(value));
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="relative flex flex-col gap-4 print:gap-2">
      <style>{PRINT_CSS}</style>
      <Link
        to={`/animals/${animal.id}`}
        className="no-print inline-flex items-center gap-1 self-start text-sm font-medium text-teal-800 hover:underline dark:text-teal-300"
      >
        <ArrowLeft aria-hidden="true" size={16} /> {label}
      </Link>
      <PageHeader
        title={`Pedigree of ${label}`}
        subtitle={
          <>
            {species ? `${species.common_name} (${species.scientific_name})` : null}
            {species ? " · " : null}
            <span aria-hidden="true">{SEX_SYMBOL[animal.sex]}</span> {SEX_LABEL[animal.sex]}
            {animal.hatch_date ? ` · hatched ${animal.hatch_date}` : null}
            {animal.morph ? ` · ${animal.morph}` : null}
          </>
        }
        actions={
          <div className="no-print flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={selectId} className="text-sm font-medium">
                Generations
              </label>
              <select
                id={selectId}
                value={generations}
                onChange={(event) => chooseGenerations(Number(event.target.value))}
                className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-600 dark:bg-stone-900"
              >
                {choices.map((count) => (
                  <option key={count} value={count}>
                    {count} generations
                  </option>
                ))}
              </select>
            </div>
            <Button
              variant="secondary"
              onClick={() => window.print()}
              icon={<Printer aria-hidden="true" size={16} />}
              disabled={!pedigree.data}
            >
              Print
            </Button>
          </div>
        }
      />

      {/* On a phone the chart comes before sharing; on a wide screen COI and sharing sit side by side above it. */}
      <div className="grid items-start gap-4 [grid-template-areas:'coi'_'tree'_'share'] lg:grid-cols-2 lg:[grid-template-areas:'coi_share'_'tree_tree'] print:block">
        <Card className="flex flex-col gap-3 [grid-area:coi] print:border-0 print:p-0 print:shadow-none">
          <h2 className="sr-only">Inbreeding</h2>
          <CoiQueryState query={coi}>{(answer) => <CoiPanel animal={animal} answer={answer} />}</CoiQueryState>
        </Card>
        <SharePanel animal={animal} className="[grid-area:share]" />

        <Card className="flex min-w-0 flex-col gap-3 [grid-area:tree] print:border-0 print:p-0 print:shadow-none">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Ancestors</h2>
            {pedigree.isFetching && pedigree.data ? (
              <span role="status" className="text-sm text-stone-600 dark:text-stone-400">
                Loading {generations} generations…
              </span>
            ) : null}
          </div>
          {pedigree.isPending ? (
            <div aria-busy="true" className="flex flex-col gap-2">
              <Skeleton className="h-4 w-72" />
              <Skeleton className="h-64 w-full" />
            </div>
          ) : pedigree.isError ? (
            <ErrorState {...explain(pedigree.error)} />
          ) : tree && !hasRecordedParents(tree) ? (
            <NoParents animal={animal} />
          ) : (
            <PedigreeTree
              pedigree={pedigree.data}
              hrefFor={hrefFor}
              renderLink={routerLink}
              printArea={{ width: 1040, height: 400 }}
            />
          )}
        </Card>
      </div>

      <PrintFooter animal={animal} />
    </div>
  );
}

function CoiPanel({ animal, answer }: { animal: Animal; answer: NonNullable<ReturnType<typeof useCoi>["data"]> }) {
  const { coi, generations, stored, computed_at } = answer;
  const note = stored
    ? `Kept current for ${animalLabel(animal)}; last computed ${new Date(computed_at).toLocaleString()}.`
    : "Not computed yet for this animal: this value was worked out just now and will be stored shortly.";
  return (
    <>
      <CoiSummary coi={coi} generations={generations} note={note} />
      <Link
        to={animal.sex === "female" ? `/genetics?dam=${animal.id}` : `/genetics?sire=${animal.id}`}
        className="no-print inline-flex items-center gap-1 self-start text-sm font-medium text-teal-800 hover:underline dark:text-teal-300"
      >
        <Dna aria-hidden="true" size={16} /> Plan a pairing with {animal.display_id} in the genetics calculator
      </Link>
    </>
  );
}

function NoParents({ animal }: { animal: Animal }) {
  const mayEdit = useCan("edit");
  const label = animalLabel(animal);
  return (
    <EmptyState
      title={`No parents recorded for ${label} yet`}
      action={
        mayEdit ? (
          <Link
            to={`/animals/${animal.id}?tab=lineage`}
            className={buttonClass()}
          >
            Add its sire and dam
          </Link>
        ) : null
      }
    >
      <p>
        A pedigree starts once a sire or dam is linked. On the animal page, open the <strong>Lineage</strong> tab and
        choose its sire and dam. Both must be in your collection first: add a bought-in parent you do not keep as an
        animal with status <em>External</em>.
      </p>
      {mayEdit ? null : <p className="mt-2">Your role cannot edit animals: ask a handler, a curator or the owner to link them.</p>}
    </EmptyState>
  );
}

/** On paper only: where it was printed from, and the QR code of the public profile (top right). */
function PrintFooter({ animal }: { animal: Animal }) {
  const shareable = animal.visibility === "public" && !animal.archived_at;
  const qrAllowed = usePedigreeQrAllowed(animal.vivarium_id);
  return (
    <div className="hidden text-xs print:block">
      <p>Printed {new Date().toLocaleDateString()} from ReptiDex.</p>
      {shareable && qrAllowed ? (
        <figure className="absolute top-0 right-0 flex flex-col items-center gap-0.5">
          <img src={qrCodeUrl(animal.id)} alt="" width={80} height={80} className="h-20 w-20" />
          <figcaption className="text-[10px]">Scan for the public profile</figcaption>
        </figure>
      ) : null}
    </div>
  );
}

function PedigreeSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-8 w-72" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
      <Skeleton className="h-96" />
    </div>
  );
}
