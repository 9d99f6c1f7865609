import { useState } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { useSpeciesById } from "../../../queries/catalogue";
import { changeDraft, clutchBody, clutchProblems, type ClutchCreateBody, type ClutchDraft } from "../clutchForm";
import { localToday } from "../dates";
import { ClutchFields } from "./ClutchFields";

/**
 * The clutch form (laying a clutch and correcting one): the draft, its problems shown once the
 * breeder has tried to save, and the API's failure above the fields. `onSave` sends the body and
 * tells the breeder it worked; the form then calls `onDone`.
 */
export function ClutchForm({
  id,
  initial,
  speciesId,
  hatchedCount,
  onSave,
  onDone,
}: {
  id: string;
  initial: (today: string) => ClutchDraft;
  speciesId: string;
  hatchedCount?: number;
  onSave: (body: ClutchCreateBody) => Promise<void>;
  onDone: () => void;
}) {
  const today = localToday();
  const [draft, setDraft] = useState<ClutchDraft>(() => initial(today));
  const [submitted, setSubmitted] = useState(false);
  const species = useSpeciesById().get(speciesId);
  const problems = clutchProblems(draft, today, hatchedCount);

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    setSubmitted(true);
    if (Object.keys(problems).length) return;
    await onSave(clutchBody(draft));
    onDone();
  });

  return (
    <form id={id} onSubmit={submit} noValidate>
      <FormProblem summary={form.summary} />
      <ClutchFields
        draft={draft}
        onChange={(field, value) => setDraft((current) => changeDraft(current, field, value))}
        problems={submitted ? problems : {}}
        serverErrors={form.fields}
        species={species}
      />
    </form>
  );
}
