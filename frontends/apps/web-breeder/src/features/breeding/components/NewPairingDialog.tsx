import { Dialog, SelectField, TextAreaField, TextField } from "@reptidex/ui";
import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";

import { FormProblem } from "../../../auth/AuthLayout";
import { AnimalPicker, type PickedAnimal } from "../../../components/AnimalPicker";
import { DialogFormFooter } from "../../../components/FormActions";
import { notifySuccess } from "../../../lib/notify";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { animalLabel, useAnimal } from "../../../queries/animals";
import { useSpeciesById } from "../../../queries/catalogue";
import { localToday } from "../dates";
import { useCreatePairing } from "../queries";
import { SeasonField } from "./SeasonField";

type Start = "planned" | "active";

/**
 * A new pairing: a male and a female of one species, a season, and whether they are already
 * together. `sireId` / `damId` prefill it (the genetics calculator links here with both).
 */
export function NewPairingDialog({
  open,
  onClose,
  vivariumId,
  sireId,
  damId,
}: {
  open: boolean;
  onClose: () => void;
  vivariumId: string;
  sireId?: string | null;
  damId?: string | null;
}) {
  const navigate = useNavigate();
  const today = localToday();
  const [sire, setSire] = useState<PickedAnimal | null>(null);
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const [season, setSeason] = useState(today.slice(0, 4));
  const [start, setStart] = useState<Start>("planned");
  const [startDate, setStartDate] = useState(today);
  const [notes, setNotes] = useState("");
  const create = useCreatePairing(vivariumId);
  const speciesById = useSpeciesById();

  // Prefill once from the link, when the linked animals have loaded.
  const linkedSire = useAnimal(sireId ?? undefined).data;
  const linkedDam = useAnimal(damId ?? undefined).data;
  const prefilled = useRef({ sire: false, dam: false });
  useEffect(() => {
    if (linkedSire && !prefilled.current.sire) {
      prefilled.current.sire = true;
      setSire(linkedSire);
    }
    if (linkedDam && !prefilled.current.dam) {
      prefilled.current.dam = true;
      setDam(linkedDam);
    }
  }, [linkedSire, linkedDam]);

  const speciesId = sire?.species_id ?? dam?.species_id;
  const mismatch = sire?.species_id && dam?.species_id && sire.species_id !== dam.species_id;
  const speciesName = speciesId ? speciesById.get(speciesId)?.common_name : undefined;

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    if (!sire || !dam || mismatch) return;
    const pairing = await create.mutateAsync({
      sire_id: sire.id,
      dam_id: dam.id,
      vivarium_id: vivariumId,
      season: season ? Number(season) : null,
      status: start,
      events: start === "active" ? { active_at: startDate } : {},
      notes: notes.trim() || null,
    });
    notifySuccess(`Pairing ${animalLabel(pairing.sire)} × ${animalLabel(pairing.dam)} saved`);
    onClose();
    navigate(`/breeding/pairings/${pairing.id}`);
  });

  const missing = !sire ? "Choose the sire." : !dam ? "Choose the dam." : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New pairing"
      description="A male and a female of the same species. The pairing is saved in the vivarium you are working in."
      footer={
        <DialogFormFooter
          formId="new-pairing"
          submitLabel="Save pairing"
          busy={create.isPending}
          onCancel={onClose}
          disabled={Boolean(missing || mismatch)}
        />
      }
    >
      <form id="new-pairing" onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <FormProblem summary={form.summary} />
        <AnimalPicker
          label="Sire (male)"
          name="sire"
          includeLeasedIn
          vivariumId={vivariumId}
          value={sire}
          onChange={setSire}
          sex="male"
          speciesId={dam?.species_id}
          excludeId={dam?.id}
          hint={dam ? `Males of the dam's species${speciesName ? ` (${speciesName})` : ""}.` : "Males of your collection."}
          error={form.fields.sire_id}
        />
        <AnimalPicker
          label="Dam (female)"
          name="dam"
          includeLeasedIn
          vivariumId={vivariumId}
          value={dam}
          onChange={setDam}
          sex="female"
          speciesId={sire?.species_id}
          excludeId={sire?.id}
          hint={sire ? `Females of the sire's species${speciesName ? ` (${speciesName})` : ""}.` : "Females of your collection."}
          error={form.fields.dam_id ?? (mismatch ? "The sire and the dam are of different species." : undefined)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SeasonField value={season} onChange={setSeason} error={form.fields.season} />
          <SelectField
            label="Status"
            value={start}
            onChange={(event) => setStart(event.target.value as Start)}
            hint={start === "planned" ? "Not introduced yet." : "Already together."}
          >
            <option value="planned">Planned</option>
            <option value="active">Active (introduced)</option>
          </SelectField>
        </div>
        {start === "active" ? (
          <TextField
            label="Introduced on"
            type="date"
            max={today}
            value={startDate}
            onChange={(event) => setStartDate(event.target.value)}
            error={form.fields.active_at}
          />
        ) : null}
        <TextAreaField label="Notes (optional)" value={notes} onChange={(event) => setNotes(event.target.value)} rows={2} maxLength={5000} />
        {missing ? <p className="text-sm text-stone-600 dark:text-stone-400">{missing}</p> : null}
      </form>
    </Dialog>
  );
}
