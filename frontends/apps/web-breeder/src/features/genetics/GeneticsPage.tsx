import type { AnimalSchemas } from "@reptidex/api-client";
import { buttonClass, Card, EmptyState, ErrorState, PageHeader, SelectField, Skeleton } from "@reptidex/ui";
import { CalendarPlus } from "lucide-react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";

import { explain } from "../../lib/problems";
import { useAnimal } from "../../queries/animals";
import { useSpecies, useTraits } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { formatPercent } from "./format";
import { OutcomeTable } from "./OutcomeTable";
import { ParentPanel } from "./ParentPanel";
import { usePrediction } from "./queries";
import { animalPair, buildPredictRequest, type GeneRow, type ParentInput, type ParentRole } from "./request";
import { WarningsPanel } from "./WarningsPanel";
import { WhatIfCoi } from "./WhatIfCoi";

// How many outcomes "List more outcomes" asks for: the calculator's most per answer.
const MORE_OUTCOMES = 1000;

type Prediction = AnimalSchemas["PredictionRead"];

/**
 * The genetics calculator. Species and parents picked from the collection live in the URL
 * (`?species=&sire=&dam=`), so a result can be bookmarked, shared with a partner, or opened
 * from an animal's page; genes typed by hand stay on this page.
 */
export default function GeneticsPage() {
  const { vivariumId } = useVivarium();
  const [params, setParams] = useSearchParams();
  const species = useSpecies();
  const sireId = params.get("sire");
  const damId = params.get("dam");
  // Opened with a parent but no species (from an animal's page): the species is the parent's.
  const linked = useAnimal(params.get("species") ? undefined : (sireId ?? damId ?? undefined));
  const speciesId = params.get("species") ?? linked.data?.species_id ?? "";
  const traits = useTraits(speciesId || null);
  const [typed, setTyped] = useState<Record<ParentRole, GeneRow[] | null>>({ sire: null, dam: null });

  const inputOf = (role: ParentRole, animalId: string | null): ParentInput => {
    const genes = typed[role];
    return genes ? { mode: "genotype", genes } : { mode: "animal", animalId };
  };
  const sire = inputOf("sire", sireId);
  const dam = inputOf("dam", damId);

  function updateParams(change: Record<string, string | null>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  function changeParent(role: ParentRole, input: ParentInput) {
    setTyped((current) => ({ ...current, [role]: input.mode === "genotype" ? input.genes : null }));
    updateParams({ [role]: input.mode === "animal" ? input.animalId : null });
  }

  function changeSpecies(next: string) {
    // Animals and traits belong to one species: a new species starts both parents afresh.
    setTyped((current) => ({ sire: current.sire && [], dam: current.dam && [] }));
    updateParams({ species: next || null, sire: null, dam: null });
  }

  const request = buildPredictRequest(speciesId, sire, dam);
  const pair = animalPair(sire, dam);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Genetics calculator"
        subtitle="Every offspring outcome of a pairing, with its odds, possible hets and welfare warnings."
      />
      <Card className="flex flex-col gap-2">
        {species.isPending || (linked.isPending && Boolean(sireId ?? damId) && !params.get("species")) ? (
          <div aria-busy="true" className="flex flex-col gap-2">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-11 w-full max-w-sm" />
          </div>
        ) : species.isError ? (
          <ErrorState {...explain(species.error)} />
        ) : (
          <SelectField
            label="Species"
            className="max-w-sm"
            value={speciesId}
            onChange={(event) => changeSpecies(event.target.value)}
            hint="Its traits and your animals of this species are offered below."
          >
            <option value="">Choose a species…</option>
            {species.data.map((option) => (
              <option key={option.id} value={option.id}>
                {option.common_name} ({option.scientific_name})
              </option>
            ))}
          </SelectField>
        )}
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        {(["sire", "dam"] as const).map((role) => (
          <ParentPanel
            key={role}
            role={role}
            input={role === "sire" ? sire : dam}
            onChange={(input) => changeParent(role, input)}
            speciesId={speciesId}
            vivariumId={vivariumId}
            traits={traits.data ?? []}
          />
        ))}
      </div>

      <Results request={request} pair={pair} />
    </div>
  );
}

function Results({
  request,
  pair,
}: {
  request: ReturnType<typeof buildPredictRequest>;
  pair: ReturnType<typeof animalPair>;
}) {
  // The calculator lists the likeliest outcomes; a breeder may ask for more of them.
  const [listMore, setListMore] = useState(false);
  const prediction = usePrediction(request && listMore ? { ...request, limit: MORE_OUTCOMES } : request);
  const mayPlan = useCan("edit");

  if (!request) {
    return (
      <EmptyState title="Choose both parents to see the offspring">
        Pick a male and a female from your collection, or type a parent's genes by hand (for an animal you are
        thinking of buying, say).
      </EmptyState>
    );
  }
  if (prediction.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (prediction.isError) {
    const { title, message, next } = explain(prediction.error);
    return <ErrorState title={title} message={message} next={next} />;
  }
  const result = prediction.data;

  return (
    <section aria-labelledby="outcomes-heading" className="flex flex-col gap-4">
      <WarningsPanel warnings={result.warnings} />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="flex min-w-0 flex-col gap-3" >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="outcomes-heading" className="text-lg font-semibold">
              Outcomes
            </h2>
            <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
              {prediction.isFetching
                ? "Updating…"
                : `${result.outcome_count.toLocaleString("en")} possible ${result.outcome_count === 1 ? "outcome" : "outcomes"} from ${parentName(result.sire, "the sire")} × ${parentName(result.dam, "the dam")}`}
            </p>
          </div>
          <OutcomeTable
            outcomes={result.outcomes}
            other={result.other_outcomes}
            onListMore={listMore ? undefined : () => setListMore(true)}
          />
          <NonMendelian notes={result.non_mendelian} />
        </Card>
        <div className="flex flex-col gap-4">
          {pair ? (
            <Card className="flex flex-col gap-3">
              <WhatIfCoi pair={pair} />
              {mayPlan ? (
                <Link
                  to={`/breeding?sire=${pair.sireId}&dam=${pair.damId}`}
                  className={buttonClass()}
                >
                  <CalendarPlus aria-hidden="true" size={16} /> Plan this pairing
                </Link>
              ) : null}
            </Card>
          ) : (
            <Card>
              <p className="text-sm text-stone-700 dark:text-stone-300">
                Pick both parents from your collection to see the offspring's inbreeding (COI) and to plan the pairing.
              </p>
            </Card>
          )}
          <TraitSummary traits={result.traits} />
        </div>
      </div>
    </section>
  );
}

function parentName(parent: Prediction["sire"], fallback: string): string {
  if (!parent.display_id) return `${fallback} you typed`;
  return parent.name ? `${parent.display_id} · ${parent.name}` : parent.display_id;
}

/** Per gene: how many offspring show it and how many carry it. */
function TraitSummary({ traits }: { traits: Prediction["traits"] }) {
  if (!traits.length) return null;
  return (
    <Card className="flex flex-col gap-2">
      <h2 className="text-base font-semibold">By gene</h2>
      <ul className="flex flex-col gap-1 text-sm">
        {traits.map((trait) => (
          <li key={trait.trait_id} className="flex justify-between gap-2">
            <span className="font-medium">{trait.trait}</span>
            <span className="text-right text-stone-700 dark:text-stone-300">
              {formatPercent(trait.shows)} show it
              {trait.carries > trait.shows ? ` · ${formatPercent(trait.carries)} carry it` : ""}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function NonMendelian({ notes }: { notes: Prediction["non_mendelian"] }) {
  if (!notes.length) return null;
  return (
    <div className="rounded-lg bg-stone-100 p-3 text-sm dark:bg-stone-800">
      <p className="font-medium">Not in the odds above</p>
      <ul className="mt-1 list-disc pl-5">
        {notes.map((note) => (
          <li key={note.trait_id}>{note.message}</li>
        ))}
      </ul>
    </div>
  );
}
