import { unwrap } from "@reptidex/api-client";
import { Button, SelectField, TextAreaField, TextField } from "@reptidex/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { api } from "../../api";
import { FormProblem } from "../../auth/AuthLayout";
import { notifySuccess } from "../../lib/notify";
import type { Animal } from "../../queries/animals";
import { keys } from "../../queries/keys";
import { formFailure } from "./formFailure";
import { useFocusFirstError } from "./useFocusFirstError";
import {
  checkDraft,
  draftToBody,
  emptyDraft,
  LOG_KIND_LABEL,
  LOG_KINDS,
  localDateTime,
  OUTCOME_LABEL,
  type FeedingOutcome,
  type LogDraft,
  type LogKind,
} from "./logModel";
import { RadioChips } from "./RadioChips";

const PREY = ["rat", "mouse", "chick", "dubia roach", "cricket", "mealworm", "superworm", "black soldier fly larva", "gecko diet"];
const PREY_SIZES = ["pinky", "fuzzy", "hopper", "weaned", "small", "medium", "large", "jumbo"];

const FIELD_LABELS: Record<string, string> = {
  occurred_at: "When",
  prey_type: "Prey",
  prey_size: "Size",
  prey_count: "How many",
  outcome: "Outcome",
  grams: "Weight",
  length_cm: "Length",
  complete: "Shed",
  drug: "Drug",
  dose: "Dose",
  route: "Route",
  course_days: "Course",
  notes: "Notes",
};
const SHOWN = Object.keys(FIELD_LABELS);

/** Log one husbandry event for this animal: the fields change with the kind of entry. */
export function LogForm({ animal }: { animal: Animal }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<LogDraft>(() => emptyDraft("feeding"));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (body: ReturnType<typeof draftToBody>) =>
      unwrap(api.animal.POST("/api/v1/animals/{animal_id}/logs", { params: { path: { animal_id: animal.id } }, body })),
    onSuccess: (log) => {
      void client.invalidateQueries({ queryKey: keys.logs(animal.id) });
      void client.invalidateQueries({ queryKey: keys.feeding(animal.id) });
      void client.invalidateQueries({ queryKey: keys.today(animal.vivarium_id) });
      if (log.kind === "weight") void client.invalidateQueries({ queryKey: keys.weights(animal.id) });
      notifySuccess(`${LOG_KIND_LABEL[log.kind]} logged for ${animal.display_id}.`);
      // Ready for the next entry of the same kind; what was typed about prey is kept, as it
      // is usually the same next time.
      setDraft((previous) => ({
        ...emptyDraft(previous.kind),
        prey_type: previous.prey_type,
        prey_size: previous.prey_size,
      }));
    },
  });

  const failure = formFailure(create.error, FIELD_LABELS, SHOWN);
  const formRef = useFocusFirstError<HTMLFormElement>(Object.keys(localErrors).length ? localErrors : create.error);
  const errors = { ...failure.fields, ...localErrors };

  function set<K extends keyof LogDraft>(key: K, value: LogDraft[K]) {
    setDraft((previous) => ({ ...previous, [key]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkDraft(draft);
    setLocalErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(draftToBody(draft));
  }

  const notesRequired = draft.kind === "health" || draft.kind === "vet" || draft.kind === "note";
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Add a log entry">
      <FormProblem summary={failure.summary} />
      <RadioChips<LogKind>
        label="Kind of entry"
        name="log-kind"
        value={draft.kind}
        options={LOG_KINDS.map((kind) => ({ value: kind, label: LOG_KIND_LABEL[kind] }))}
        onChange={(kind) => {
          setLocalErrors({});
          create.reset();
          setDraft((previous) => ({ ...previous, kind }));
        }}
      />
      {draft.kind === "feeding" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Prey"
            list="prey-types"
            value={draft.prey_type}
            maxLength={60}
            onChange={(event) => set("prey_type", event.target.value)}
            error={errors.prey_type}
          />
          <TextField
            label="Size"
            list="prey-sizes"
            value={draft.prey_size}
            maxLength={40}
            onChange={(event) => set("prey_size", event.target.value)}
            error={errors.prey_size}
            hint="Optional."
          />
          <TextField
            label="How many"
            inputMode="numeric"
            value={draft.prey_count}
            onChange={(event) => set("prey_count", event.target.value)}
            error={errors.prey_count}
          />
          <datalist id="prey-types">
            {PREY.map((prey) => (
              <option key={prey} value={prey} />
            ))}
          </datalist>
          <datalist id="prey-sizes">
            {PREY_SIZES.map((size) => (
              <option key={size} value={size} />
            ))}
          </datalist>
          <div className="sm:col-span-3">
            <RadioChips<FeedingOutcome>
              label="Outcome"
              name="outcome"
              value={draft.outcome}
              options={(["accepted", "refused", "regurgitated"] as const).map((outcome) => ({
                value: outcome,
                label: OUTCOME_LABEL[outcome],
              }))}
              onChange={(outcome) => set("outcome", outcome)}
              error={errors.outcome}
            />
          </div>
        </div>
      ) : null}
      {draft.kind === "weight" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Weight (grams)"
            inputMode="decimal"
            value={draft.grams}
            onChange={(event) => set("grams", event.target.value)}
            error={errors.grams}
          />
          <TextField
            label="Length (cm)"
            inputMode="decimal"
            value={draft.length_cm}
            onChange={(event) => set("length_cm", event.target.value)}
            error={errors.length_cm}
            hint="Optional."
          />
        </div>
      ) : null}
      {draft.kind === "shed" ? (
        <RadioChips<"complete" | "incomplete">
          label="Shed"
          name="shed"
          value={draft.complete ? "complete" : "incomplete"}
          options={[
            { value: "complete", label: "Complete" },
            { value: "incomplete", label: "Incomplete (stuck shed)" },
          ]}
          onChange={(value) => set("complete", value === "complete")}
        />
      ) : null}
      {draft.kind === "medication" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Drug" value={draft.drug} maxLength={120} onChange={(event) => set("drug", event.target.value)} error={errors.drug} />
          <TextField
            label="Dose"
            value={draft.dose}
            maxLength={60}
            placeholder="e.g. 0.1 ml/kg"
            onChange={(event) => set("dose", event.target.value)}
            error={errors.dose}
          />
          <SelectField label="Route" value={draft.route} onChange={(event) => set("route", event.target.value)} error={errors.route}>
            <option value="">Not recorded</option>
            <option value="oral">Oral</option>
            <option value="injection">Injection</option>
            <option value="topical">Topical</option>
            <option value="nebulised">Nebulised</option>
            <option value="soak">Soak / bath</option>
          </SelectField>
          <TextField
            label="Course (days)"
            inputMode="numeric"
            value={draft.course_days}
            onChange={(event) => set("course_days", event.target.value)}
            error={errors.course_days}
            hint="Optional."
          />
        </div>
      ) : null}
      <TextAreaField
        label={notesRequired ? "What happened" : "Notes"}
        value={draft.notes}
        maxLength={4000}
        onChange={(event) => set("notes", event.target.value)}
        error={errors.notes}
        hint={notesRequired ? undefined : "Optional."}
        className="[&_textarea]:min-h-16"
      />
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="When"
          type="datetime-local"
          value={draft.occurred_at}
          max={localDateTime(new Date())}
          onChange={(event) => set("occurred_at", event.target.value)}
          error={errors.occurred_at}
          className="min-w-56"
        />
        <Button type="submit" busy={create.isPending}>
          Log {LOG_KIND_LABEL[draft.kind].toLowerCase()}
        </Button>
      </div>
    </form>
  );
}
