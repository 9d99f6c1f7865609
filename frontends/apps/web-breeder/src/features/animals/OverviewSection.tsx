import { unwrap } from "@reptidex/api-client";
import { Button, Card, Dialog } from "@reptidex/ui";
import { useMutation } from "@tanstack/react-query";
import { Archive, ArchiveRestore, Pencil } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { api } from "../../api";
import { FormProblem } from "../../auth/AuthLayout";
import { notifyError, notifySuccess } from "../../lib/notify";
import { animalLabel, type Animal } from "../../queries/animals";
import type { Species } from "../../queries/catalogue";
import { AnimalDetailsFields, DETAIL_FIELDS } from "./AnimalDetailsFields";
import { checkAnimalForm, FIELD_LABELS, formFromAnimal, updateBody } from "./animalForm";
import { formFailure } from "./formFailure";
import { useFocusFirstError } from "./useFocusFirstError";
import { formatDate, STATUS_LABEL, todayIso, VISIBILITY_HINT, VISIBILITY_LABEL } from "./labels";
import { useAnimalChanged } from "./queries";

/** "2 years 3 months", "5 weeks": an age the way breeders say it. */
export function ageOf(hatchDate: string, today: string = todayIso()): string {
  const from = new Date(`${hatchDate}T00:00:00Z`);
  const to = new Date(`${today}T00:00:00Z`);
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  if (days < 0) return "";
  if (days < 60) return days < 14 ? `${days} day${days === 1 ? "" : "s"}` : `${Math.floor(days / 7)} weeks`;
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (!years) return `${rest} months`;
  return rest ? `${years} year${years === 1 ? "" : "s"} ${rest} month${rest === 1 ? "" : "s"}` : `${years} year${years === 1 ? "" : "s"}`;
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-semibold tracking-wide text-stone-600 uppercase dark:text-stone-400">{term}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

function Empty() {
  return <span className="text-stone-500 dark:text-stone-400">Not recorded</span>;
}

function DetailsView({ animal, species }: { animal: Animal; species: Species | undefined }) {
  const interval = animal.feeding_interval_days
    ? `Every ${animal.feeding_interval_days} days`
    : species?.default_feeding_interval_days
      ? `Every ${species.default_feeding_interval_days} days (species default)`
      : "Every 7 days (default)";
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Detail term="Display id">
        <span className="font-mono">{animal.display_id}</span>
      </Detail>
      <Detail term="Name">{animal.name ?? <Empty />}</Detail>
      <Detail term="Hatch date">
        {animal.hatch_date ? `${formatDate(animal.hatch_date)} (${ageOf(animal.hatch_date)})` : <Empty />}
      </Detail>
      <Detail term="Morph description">{animal.morph ?? <Empty />}</Detail>
      <Detail term="Microchip or tag">{animal.microchip ?? <Empty />}</Detail>
      <Detail term="Status">{STATUS_LABEL[animal.status]}</Detail>
      <Detail term="Visibility">
        {VISIBILITY_LABEL[animal.visibility]}
        <span className="block text-xs text-stone-600 dark:text-stone-400">{VISIBILITY_HINT[animal.visibility]}</span>
      </Detail>
      <Detail term="Feeding interval">{interval}</Detail>
      <Detail term="Acquired">
        {animal.acquisition_date || animal.acquisition_source ? (
          [animal.acquisition_date ? formatDate(animal.acquisition_date) : null, animal.acquisition_source]
            .filter(Boolean)
            .join(" from ")
        ) : (
          <Empty />
        )}
      </Detail>
      <div className="sm:col-span-2 lg:col-span-3">
        <Detail term="Notes">
          {animal.notes ? <span className="whitespace-pre-wrap">{animal.notes}</span> : <Empty />}
        </Detail>
      </div>
      <Detail term="Added">{formatDate(animal.created_at)}</Detail>
    </dl>
  );
}

function DetailsForm({
  animal,
  canCurate,
  onDone,
}: {
  animal: Animal;
  canCurate: boolean;
  onDone: () => void;
}) {
  const changed = useAnimalChanged();
  const [values, setValues] = useState(() => formFromAnimal(animal));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof updateBody>) =>
      unwrap(api.animal.PATCH("/api/v1/animals/{animal_id}", { params: { path: { animal_id: animal.id } }, body })),
    onSuccess: (saved, body) => {
      changed(saved, { lineage: "sex" in body || "hatch_date" in body });
      notifySuccess(`${animalLabel(saved)} saved.`);
      onDone();
    },
  });
  const failure = formFailure(save.error, FIELD_LABELS, DETAIL_FIELDS);
  const formRef = useFocusFirstError<HTMLFormElement>(Object.keys(localErrors).length ? localErrors : save.error);
  const errors = { ...failure.fields, ...localErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkAnimalForm(values, todayIso());
    setLocalErrors(found);
    if (Object.keys(found).length) return;
    const body = updateBody(values, animal);
    if (!Object.keys(body).length) {
      onDone();
      return;
    }
    save.mutate(body);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Edit details">
      <FormProblem summary={failure.summary} />
      <AnimalDetailsFields
        values={values}
        onChange={setValues}
        errors={errors}
        displayIdHint="Unique in this vivarium. Changing it keeps the history and the pedigree."
        visibilityLocked={canCurate ? undefined : "Only curators and the owner change who may see an animal."}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={save.isPending}>
          Save details
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ArchiveControls({ animal }: { animal: Animal }) {
  const changed = useAnimalChanged();
  const [confirming, setConfirming] = useState(false);
  const archive = useMutation({
    mutationFn: async () => {
      await unwrap(api.animal.DELETE("/api/v1/animals/{animal_id}", { params: { path: { animal_id: animal.id } } }));
      return unwrap(api.animal.GET("/api/v1/animals/{animal_id}", { params: { path: { animal_id: animal.id } } }));
    },
    onSuccess: (saved) => {
      changed(saved);
      setConfirming(false);
      notifySuccess(`${animalLabel(saved)} archived.`);
    },
    onError: notifyError,
  });
  const restore = useMutation({
    mutationFn: () =>
      unwrap(api.animal.POST("/api/v1/animals/{animal_id}/restore", { params: { path: { animal_id: animal.id } } })),
    onSuccess: (saved) => {
      changed(saved);
      notifySuccess(`${animalLabel(saved)} restored to the collection.`);
    },
    onError: notifyError,
  });

  if (animal.archived_at) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Archived on {formatDate(animal.archived_at)}. Restoring brings it back into lists and counts against the plan again.
        </p>
        <Button variant="secondary" busy={restore.isPending} onClick={() => restore.mutate()} icon={<ArchiveRestore aria-hidden="true" size={18} />}>
          Restore
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-stone-700 dark:text-stone-300">
        Sold, deceased or a mistake? Archiving hides it from lists; its history and lineage stay.
      </p>
      <Button variant="secondary" onClick={() => setConfirming(true)} icon={<Archive aria-hidden="true" size={18} />}>
        Archive…
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Archive ${animalLabel(animal)}?`}
        description="It leaves the collection and the Today list. Its logs, genotype and place in pedigrees stay, and a curator can restore it."
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" busy={archive.isPending} onClick={() => archive.mutate()}>
              Archive
            </Button>
          </>
        }
      />
    </div>
  );
}

export function OverviewSection({
  animal,
  species,
  canEdit,
  canCurate,
}: {
  animal: Animal;
  species: Species | undefined;
  canEdit: boolean;
  canCurate: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const archived = Boolean(animal.archived_at);
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Details</h2>
          {canEdit && !archived && !editing ? (
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)} icon={<Pencil aria-hidden="true" size={16} />}>
              Edit details
            </Button>
          ) : null}
        </div>
        {editing ? (
          <DetailsForm animal={animal} canCurate={canCurate} onDone={() => setEditing(false)} />
        ) : (
          <DetailsView animal={animal} species={species} />
        )}
      </Card>
      {canCurate ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{archived ? "Archived" : "Archive"}</h2>
          <ArchiveControls animal={animal} />
        </Card>
      ) : null}
    </div>
  );
}
