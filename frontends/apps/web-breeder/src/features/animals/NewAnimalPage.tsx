import { unwrap } from "@reptidex/api-client";
import { Button, Card, EmptyState, PageHeader, SelectField } from "@reptidex/ui";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ChevronDown } from "lucide-react";
import { Link, useNavigate } from "react-router";

import { api } from "../../api";
import { FormProblem } from "../../auth/AuthLayout";
import { AnimalPicker, type PickedAnimal } from "../../components/AnimalPicker";
import { notifySuccess } from "../../lib/notify";
import { animalLabel } from "../../queries/animals";
import { useSpecies } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { DETAIL_FIELDS, EssentialFields, MORE_FIELDS, MoreFields } from "./AnimalDetailsFields";
import { checkAnimalForm, createBody, emptyAnimalForm, FIELD_LABELS } from "./animalForm";
import { formFailure } from "./formFailure";
import { useFocusFirstError } from "./useFocusFirstError";
import { todayIso } from "./labels";
import { useAnimalChanged } from "./queries";

const LAST_SPECIES = "reptidex.lastSpecies";
const SHOWN = [...DETAIL_FIELDS, "species_id", "sire_id", "dam_id"];

export default function NewAnimalPage() {
  const { vivariumId, current } = useVivarium();
  const canEdit = useCan("edit");
  const navigate = useNavigate();
  const changed = useAnimalChanged();
  const species = useSpecies();
  // Breeders usually add several animals of one species in a row.
  const [speciesId, setSpeciesId] = useState(() => localStorage.getItem(LAST_SPECIES) ?? "");
  const [values, setValues] = useState(emptyAnimalForm);
  const [sire, setSire] = useState<PickedAnimal | null>(null);
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.animal.POST("/api/v1/animals", {
          body: createBody(values, { vivariumId, speciesId, sireId: sire?.id ?? null, damId: dam?.id ?? null }),
        }),
      ),
    onSuccess: (animal) => {
      localStorage.setItem(LAST_SPECIES, animal.species_id);
      changed(animal, { lineage: Boolean(animal.sire || animal.dam) });
      notifySuccess(`${animalLabel(animal)} added to the collection.`);
      navigate(`/animals/${animal.id}`);
    },
  });

  const chosenSpecies = species.data?.find((item) => item.id === speciesId);
  // A remembered species may have left the catalogue; then the breeder chooses again.
  const validSpeciesId = chosenSpecies ? speciesId : "";
  const failure = formFailure(create.error, FIELD_LABELS, SHOWN);
  const formRef = useFocusFirstError<HTMLFormElement>(Object.keys(localErrors).length ? localErrors : create.error);
  const errors = { ...failure.fields, ...localErrors };
  const [moreOpen, setMoreOpen] = useState(false);
  // A refusal about a field in the folded part opens it, so the message is seen.
  const moreHasError = MORE_FIELDS.some((field) => errors[field]);

  function chooseSpecies(id: string) {
    setSpeciesId(id);
    // Parents must be of the animal's species.
    if (sire?.species_id && sire.species_id !== id) setSire(null);
    if (dam?.species_id && dam.species_id !== id) setDam(null);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkAnimalForm(values, todayIso());
    if (!validSpeciesId) found.species_id = "Choose the species first.";
    setLocalErrors(found);
    if (Object.keys(found).length) return;
    create.mutate();
  }

  if (!canEdit) {
    return (
      <>
        <PageHeader title="New animal" />
        <EmptyState
          title="Your role cannot add animals"
          action={
            <Link to="/animals" className="font-medium text-teal-800 underline dark:text-teal-300">
              Back to the collection
            </Link>
          }
        >
          Keepers see the collection but do not change it. Ask a curator or the owner of {current?.vivarium_name ?? "this vivarium"} for
          the handler role.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="New animal"
        subtitle={current ? `Adds to ${current.vivarium_name}.` : undefined}
      />
      <form ref={formRef} onSubmit={submit} noValidate className="flex max-w-3xl flex-col gap-4" aria-busy={species.isLoading || undefined}>
        <FormProblem summary={failure.summary} />
        <Card className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">The animal</h2>
          <SelectField
            label="Species"
            required
            value={validSpeciesId}
            onChange={(event) => chooseSpecies(event.target.value)}
            error={errors.species_id}
            disabled={species.isLoading}
          >
            <option value="">{species.isLoading ? "Loading species…" : "Choose a species"}</option>
            {(species.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.common_name} ({item.scientific_name})
              </option>
            ))}
          </SelectField>
          <EssentialFields values={values} onChange={setValues} errors={errors} />
        </Card>
        <Card className="flex flex-col gap-4">
          <div>
            <h2 className="text-lg font-semibold">Parents</h2>
            <p className="text-sm text-stone-600 dark:text-stone-400">
              Optional. Linking them starts the pedigree and the inbreeding coefficient (COI).
            </p>
          </div>
          {validSpeciesId ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <AnimalPicker
                label="Sire"
                name="sire"
                // A parent may have died since: lineage records it all the same.
                includeDeceased
                vivariumId={vivariumId}
                value={sire}
                onChange={setSire}
                sex="male"
                orUnsexed
                speciesId={validSpeciesId}
                hint="A male (or not yet sexed) of the same species."
                error={errors.sire_id}
              />
              <AnimalPicker
                label="Dam"
                name="dam"
                // A parent may have died since: lineage records it all the same.
                includeDeceased
                vivariumId={vivariumId}
                value={dam}
                onChange={setDam}
                sex="female"
                orUnsexed
                speciesId={validSpeciesId}
                hint="A female (or not yet sexed) of the same species."
                error={errors.dam_id}
              />
            </div>
          ) : (
            <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700 dark:bg-stone-800 dark:text-stone-300">
              Choose the species first: parents are picked among animals of the same species.
            </p>
          )}
        </Card>
        <details
          open={moreOpen || moreHasError}
          onToggle={(event) => setMoreOpen(event.currentTarget.open)}
          className="group rounded-2xl border border-stone-200 bg-white shadow-sm dark:border-stone-800 dark:bg-stone-900"
        >
          <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2 rounded-2xl px-4 py-3 focus-visible:outline-2 focus-visible:outline-teal-600">
            <span>
              <span className="text-lg font-semibold">More details</span>
              <span className="block text-sm text-stone-600 dark:text-stone-400">
                Display id, microchip, status, visibility, feeding interval, origin and notes.
              </span>
            </span>
            <ChevronDown aria-hidden="true" size={20} className="shrink-0 transition-transform group-open:rotate-180" />
          </summary>
          <div className="flex flex-col gap-4 px-4 pb-4">
            <MoreFields
              values={values}
              onChange={setValues}
              errors={errors}
              displayIdHint={
                chosenSpecies
                  ? `Leave empty to number it from your template (e.g. ${chosenSpecies.code_prefix}-001).`
                  : "Leave empty to number it from your template."
              }
            />
          </div>
        </details>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={create.isPending}>
            Add animal
          </Button>
          <Link
            to="/animals"
            className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium text-stone-700 hover:bg-stone-200/70 dark:text-stone-200 dark:hover:bg-stone-800"
          >
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
