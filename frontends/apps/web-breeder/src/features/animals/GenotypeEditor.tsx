import { unwrap } from "@reptidex/api-client";
import { Badge, Button, Card, controlClass, cx, EmptyState, MorphBadge, Skeleton, sortGenes } from "@reptidex/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, Plus, Trash2 } from "lucide-react";
import { useId, useMemo, useState } from "react";

import { api } from "../../api";
import { FormProblem } from "../../auth/AuthLayout";
import { RetryError } from "../../components/RetryError";
import { explain } from "../../lib/problems";
import { notifySuccess } from "../../lib/notify";
import type { Animal } from "../../queries/animals";
import { useTraits, type Trait } from "../../queries/catalogue";
import { keys } from "../../queries/keys";
import {
  allowedStates,
  checkGenotype,
  genotypeProblemByRow,
  pairingCaution,
  PROOF_LABEL,
  PROOFS,
  rowForTrait,
  rowsFromGenotype,
  sameGenotype,
  STATE_LABEL,
  toGenotypeSet,
  welfareConcern,
  withState,
  type GenotypeRow,
  type GenotypeState,
} from "./genotypeModel";
import { useGenotype } from "./queries";

const INHERITANCE_LABEL: Record<Trait["inheritance"], string> = {
  recessive: "recessive",
  incomplete_dominant: "incomplete dominant",
  dominant: "dominant",
  polygenic: "polygenic",
  line_bred: "line bred",
};

function TraitNote({ trait, state }: { trait: Trait; state: GenotypeState }) {
  const concern = welfareConcern(trait, state);
  const caution = pairingCaution(trait, state);
  if (!concern && !caution) return null;
  return (
    <p
      className={cx(
        "flex items-start gap-1.5 rounded-lg px-2 py-1 text-xs",
        concern && trait.welfare_flag === "lethal"
          ? "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100"
          : "bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-100",
      )}
    >
      <AlertTriangle aria-hidden="true" size={14} className="mt-0.5 shrink-0" />
      <span>{concern ?? caution}</span>
    </p>
  );
}

function GenotypeLine({
  row,
  trait,
  error,
  onChange,
  onRemove,
}: {
  row: GenotypeRow;
  trait: Trait | undefined;
  error: string | undefined;
  onChange: (row: GenotypeRow) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const name = trait?.name ?? "Unknown trait";
  const states = trait ? allowedStates(trait) : [row.state];
  return (
    <li
      className={cx(
        "flex flex-col gap-2 rounded-xl border p-3",
        error ? "border-red-400 dark:border-red-700" : "border-stone-200 dark:border-stone-700",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="font-semibold" id={`${id}-name`}>
            {name}
          </p>
          {trait ? (
            <p className="text-xs text-stone-600 dark:text-stone-400">
              {INHERITANCE_LABEL[trait.inheritance]}
              {trait.allelic_group ? ` · ${trait.allelic_group}` : ""}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${name}`} icon={<Trash2 aria-hidden="true" size={16} />}>
          <span className="hidden sm:inline">Remove</span>
        </Button>
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-state`} className="text-xs font-medium">
            State of {name}
          </label>
          <select
            id={`${id}-state`}
            className={controlClass}
            value={row.state}
            onChange={(event) => onChange(withState(row, event.target.value as GenotypeState))}
          >
            {states.map((state) => (
              <option key={state} value={state}>
                {state === "super" && trait?.super_form_name ? `${trait.super_form_name} (two copies)` : STATE_LABEL[state]}
              </option>
            ))}
          </select>
        </div>
        {row.state === "possible_het" ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-percent`} className="text-xs font-medium">
              Chance it carries {name}
            </label>
            <select
              id={`${id}-percent`}
              className={controlClass}
              value={row.het_percent ?? 50}
              onChange={(event) => onChange({ ...row, het_percent: Number(event.target.value) === 66 ? 66 : 50 })}
            >
              <option value={50}>50 % (one het parent)</option>
              <option value={66}>66 % (two het parents, normal look)</option>
            </select>
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-proof`} className="text-xs font-medium">
            Proof for {name}
          </label>
          <select
            id={`${id}-proof`}
            className={controlClass}
            value={row.proof}
            onChange={(event) => onChange({ ...row, proof: event.target.value as GenotypeRow["proof"] })}
          >
            {PROOFS.map((proof) => (
              <option key={proof} value={proof}>
                {PROOF_LABEL[proof]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {trait ? <TraitNote trait={trait} state={row.state} /> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function ReadOnlyGenotype({ rows, traits }: { rows: GenotypeRow[]; traits: Map<string, Trait> }) {
  if (!rows.length) {
    return <EmptyState title="No genotype recorded">A handler or curator can record the genes this animal shows or carries.</EmptyState>;
  }
  return (
    <ul className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
      {rows.map((row) => {
        const trait = traits.get(row.trait_id);
        return (
          <li key={row.trait_id} className="flex flex-col gap-1 py-2">
            <p className="flex flex-wrap items-center gap-2">
              <MorphBadge
                gene={{
                  trait_name: trait?.name ?? "Unknown trait",
                  state: row.state,
                  het_percent: row.het_percent,
                  super_name: trait?.super_form_name,
                  welfare_flag: trait && welfareConcern(trait, row.state) ? trait.welfare_flag : "none",
                }}
              />
              <span className="text-sm text-stone-600 dark:text-stone-400">proof: {PROOF_LABEL[row.proof]}</span>
            </p>
            {trait ? <TraitNote trait={trait} state={row.state} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The animal's genotype: which traits it shows or carries, how sure that is, and why. */
export function GenotypeEditor({ animal, canEdit }: { animal: Animal; canEdit: boolean }) {
  const client = useQueryClient();
  const genotype = useGenotype(animal.id);
  const traits = useTraits(animal.species_id);
  const traitsById = useMemo(() => new Map((traits.data ?? []).map((trait) => [trait.id, trait])), [traits.data]);
  const saved = useMemo(() => rowsFromGenotype(genotype.data ?? []), [genotype.data]);
  const [rows, setRows] = useState<GenotypeRow[]>(saved);
  const [adding, setAdding] = useState("");
  const [showChecks, setShowChecks] = useState(false);
  const dirty = !sameGenotype(rows, saved);

  // A fresh copy from the server replaces the draft only while nothing is being edited.
  const [base, setBase] = useState(saved);
  if (base !== saved) {
    setBase(saved);
    if (sameGenotype(rows, base)) setRows(saved);
  }

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.animal.PUT("/api/v1/animals/{animal_id}/genotype", {
          params: { path: { animal_id: animal.id } },
          body: toGenotypeSet(rows),
        }),
      ),
    onSuccess: (next) => {
      client.setQueryData(keys.genotype(animal.id), next);
      setRows(rowsFromGenotype(next));
      setShowChecks(false);
      void client.invalidateQueries({ queryKey: keys.animal(animal.id) });
      void client.invalidateQueries({ queryKey: keys.animals(animal.vivarium_id) });
      notifySuccess("Genotype saved.");
    },
  });

  if (genotype.isPending || traits.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the genotype" className="flex flex-col gap-2">
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
      </div>
    );
  }
  if (genotype.isError || traits.isError) {
    return <RetryError error={genotype.error ?? traits.error} onRetry={() => Promise.all([genotype.refetch(), traits.refetch()])} />;
  }

  const allTraits = traits.data ?? [];
  if (!canEdit) {
    return (
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Genotype</h2>
        <ReadOnlyGenotype rows={saved} traits={traitsById} />
      </Card>
    );
  }

  const localErrors = checkGenotype(rows, traitsById);
  const serverErrors = save.isError ? genotypeProblemByRow(save.error) : {};
  const errors = { ...serverErrors, ...(showChecks ? localErrors : {}) };
  const unused = allTraits.filter((trait) => !rows.some((row) => row.trait_id === trait.id));
  const summary = save.isError && !Object.keys(serverErrors).length ? explain(save.error) : null;
  const preview = sortGenes(
    rows.map((row) => {
      const trait = traitsById.get(row.trait_id);
      return {
        trait_name: trait?.name ?? "?",
        state: row.state,
        het_percent: row.het_percent,
        super_name: trait?.super_form_name,
        welfare_flag: trait && welfareConcern(trait, row.state) ? trait.welfare_flag : "none",
      };
    }),
  );

  function submit() {
    setShowChecks(true);
    if (Object.keys(localErrors).length) return;
    save.mutate();
  }

  return (
    <Card className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Genotype</h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          The genes it shows or carries, each with its proof. The calculator and pairings use this, not the morph text.
        </p>
      </div>
      <FormProblem summary={summary} />
      {Object.keys(errors).length ? (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          Not saved: {Object.keys(errors).length === 1 ? "one line needs" : `${Object.keys(errors).length} lines need`} a change (marked
          below).
        </p>
      ) : null}
      {rows.length ? (
        <ul className="flex flex-col gap-3" aria-label="Traits">
          {rows.map((row, index) => (
            <GenotypeLine
              key={row.trait_id}
              row={row}
              trait={traitsById.get(row.trait_id)}
              error={errors[index]}
              onChange={(next) => setRows(rows.map((item, i) => (i === index ? next : item)))}
              onRemove={() => setRows(rows.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      ) : (
        <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700 dark:bg-stone-800 dark:text-stone-300">
          No trait recorded: a normal (wild type), or not recorded yet. Add the traits it shows or carries.
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
          <label htmlFor="add-trait" className="text-sm font-medium">
            Add a trait
          </label>
          <select
            id="add-trait"
            className={controlClass}
            value={adding}
            onChange={(event) => setAdding(event.target.value)}
            disabled={!unused.length}
          >
            <option value="">{unused.length ? "Choose a trait" : "Every trait of the species is listed"}</option>
            {unused.map((trait) => (
              <option key={trait.id} value={trait.id}>
                {trait.name} ({INHERITANCE_LABEL[trait.inheritance]}){trait.welfare_flag !== "none" ? " ⚠" : ""}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="secondary"
          disabled={!adding}
          icon={<Plus aria-hidden="true" size={18} />}
          onClick={() => {
            const trait = traitsById.get(adding);
            if (trait) setRows([...rows, rowForTrait(trait)]);
            setAdding("");
          }}
        >
          Add
        </Button>
      </div>
      {preview.length ? (
        <div className="flex flex-wrap items-center gap-1 text-sm">
          <span className="mr-1 text-stone-600 dark:text-stone-400">Reads as</span>
          {preview.map((gene) => (
            <MorphBadge key={gene.trait_name} gene={gene} />
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2 border-t border-stone-200 pt-4 dark:border-stone-800">
        <Button onClick={submit} busy={save.isPending} disabled={!dirty}>
          Save genotype
        </Button>
        <Button
          variant="ghost"
          disabled={!dirty || save.isPending}
          onClick={() => {
            setRows(saved);
            setShowChecks(false);
            save.reset();
          }}
        >
          Discard changes
        </Button>
        {dirty ? <Badge tone="amber">Unsaved changes</Badge> : null}
      </div>
    </Card>
  );
}
