import { Button, Dialog } from "@reptidex/ui";
import { useState, type FormEvent } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { notifySuccess } from "../../../lib/notify";
import { useFormError } from "../../../lib/useFormError";
import { useSpeciesById } from "../../../queries/catalogue";
import { changeDraft, clutchBody, clutchProblems, draftFromClutch, type ClutchDraft } from "../clutchForm";
import { localToday } from "../dates";
import type { Clutch } from "../incubation";
import { useUpdateClutch } from "../queries";
import { ClutchFields } from "./ClutchFields";

/** Correct a clutch: counts after candling, the incubator's settings, the laid date. */
export function EditClutchDialog({ clutch, open, onClose }: { clutch: Clutch; open: boolean; onClose: () => void }) {
  const update = useUpdateClutch(clutch);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Edit clutch"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="edit-clutch" busy={update.isPending}>
            Save changes
          </Button>
        </>
      }
    >
      {open ? <EditForm clutch={clutch} update={update} onDone={onClose} /> : null}
    </Dialog>
  );
}

function EditForm({ clutch, update, onDone }: { clutch: Clutch; update: ReturnType<typeof useUpdateClutch>; onDone: () => void }) {
  const today = localToday();
  const [draft, setDraft] = useState<ClutchDraft>(() => draftFromClutch(clutch));
  const [submitted, setSubmitted] = useState(false);
  const form = useFormError();
  const species = useSpeciesById().get(clutch.species_id);
  const problems = clutchProblems(draft, today, clutch.hatched_count);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    form.clear();
    if (Object.keys(problems).length) return;
    try {
      await update.mutateAsync(clutchBody(draft));
      notifySuccess("Clutch updated");
      onDone();
    } catch (error) {
      form.setError(error);
    }
  }

  return (
    <form id="edit-clutch" onSubmit={(event) => void submit(event)} noValidate>
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
