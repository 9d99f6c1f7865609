import { Button, Dialog } from "@reptidex/ui";
import { useState, type FormEvent } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { notifySuccess } from "../../../lib/notify";
import { useFormError } from "../../../lib/useFormError";
import { useSpeciesById } from "../../../queries/catalogue";
import { blankClutch, changeDraft, clutchBody, clutchProblems, type ClutchDraft } from "../clutchForm";
import { formatDate, localToday, plural } from "../dates";
import type { Pairing } from "../pairingStatus";
import { useLayClutch } from "../queries";
import { ClutchFields } from "./ClutchFields";

/** Record the eggs of a pairing; an open pairing becomes completed (the eggs prove it took). */
export function LayClutchDialog({ pairing, open, onClose }: { pairing: Pairing; open: boolean; onClose: () => void }) {
  const lay = useLayClutch(pairing);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Record a clutch"
      description={pairing.status === "completed" ? undefined : "Recording eggs marks this pairing completed."}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="lay-clutch" busy={lay.isPending}>
            Save clutch
          </Button>
        </>
      }
    >
      {open ? <LayForm pairing={pairing} lay={lay} onDone={onClose} /> : null}
    </Dialog>
  );
}

function LayForm({ pairing, lay, onDone }: { pairing: Pairing; lay: ReturnType<typeof useLayClutch>; onDone: () => void }) {
  const today = localToday();
  const [draft, setDraft] = useState<ClutchDraft>(() => blankClutch(today));
  const [submitted, setSubmitted] = useState(false);
  const form = useFormError();
  const species = useSpeciesById().get(pairing.species_id);
  const problems = clutchProblems(draft, today);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    form.clear();
    if (Object.keys(problems).length) return;
    try {
      const clutch = await lay.mutateAsync(clutchBody(draft));
      notifySuccess(
        `Clutch of ${plural(clutch.eggs_total, "egg")} saved${clutch.expected_hatch_date ? `; expected to hatch ${formatDate(clutch.expected_hatch_date)}` : ""}`,
      );
      onDone();
    } catch (error) {
      form.setError(error);
    }
  }

  return (
    <form id="lay-clutch" onSubmit={(event) => void submit(event)} noValidate>
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
