import { Button, Card, Dialog, TextAreaField } from "@reptidex/ui";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { FormProblem } from "../../../auth/AuthLayout";
import { notifyError, notifySuccess } from "../../../lib/notify";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { animalLabel } from "../../../queries/animals";
import type { Pairing } from "../pairingStatus";
import { useDeletePairing, useUpdatePairing } from "../queries";
import { SeasonField } from "./SeasonField";

/** Wright's F as breeders quote it: "3.1 %" (one decimal; 0 % stays "0 %"). */
export function coiPercent(coi: number): string {
  const value = Math.round(coi * 1000) / 10;
  return `${value} %`;
}

/** Parents, the offspring's inbreeding, season and notes; delete for curators. */
export function PairingDetails({
  pairing,
  canEdit,
  canDelete,
  hasClutches,
}: {
  pairing: Pairing;
  canEdit: boolean;
  canDelete: boolean;
  hasClutches: boolean;
}) {
  const [season, setSeason] = useState(pairing.season === null ? "" : String(pairing.season));
  const [notes, setNotes] = useState(pairing.notes ?? "");
  const update = useUpdatePairing(pairing);
  const dirty = season !== (pairing.season === null ? "" : String(pairing.season)) || notes.trim() !== (pairing.notes ?? "");

  const { form, onSubmit: save } = useFormSubmit(async () => {
    await update.mutateAsync({ season: season ? Number(season) : null, notes: notes.trim() || null });
    notifySuccess("Pairing details saved");
  });

  return (
    <Card className="flex flex-col gap-4">
      <h2 className="text-base font-semibold">Details</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-stone-600 dark:text-stone-400">Sire</dt>
        <dd>
          <Link className="font-medium text-teal-800 underline dark:text-teal-300" to={`/animals/${pairing.sire.id}`}>
            {animalLabel(pairing.sire)}
          </Link>
        </dd>
        <dt className="text-stone-600 dark:text-stone-400">Dam</dt>
        <dd>
          <Link className="font-medium text-teal-800 underline dark:text-teal-300" to={`/animals/${pairing.dam.id}`}>
            {animalLabel(pairing.dam)}
          </Link>
        </dd>
        <dt className="text-stone-600 dark:text-stone-400">Offspring COI</dt>
        <dd>
          {pairing.what_if_coi ? (
            <>
              <span className="font-medium tabular-nums">{coiPercent(pairing.what_if_coi.coi)}</span>{" "}
              <span className="text-stone-600 dark:text-stone-400">
                over {pairing.what_if_coi.generations} generations
              </span>
            </>
          ) : (
            <span className="text-stone-600 dark:text-stone-400">Not available</span>
          )}
        </dd>
      </dl>
      {canEdit ? (
        <form onSubmit={save} className="flex flex-col gap-3">
          <FormProblem summary={form.summary} />
          <SeasonField value={season} onChange={setSeason} error={form.fields.season} saved={pairing.season} />
          <TextAreaField
            label="Notes"
            rows={3}
            maxLength={5000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            error={form.fields.notes}
          />
          <Button type="submit" variant="secondary" className="self-start" disabled={!dirty} busy={update.isPending}>
            Save details
          </Button>
        </form>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-stone-600 dark:text-stone-400">Season</dt>
          <dd>{pairing.season ?? "None"}</dd>
          <dt className="text-stone-600 dark:text-stone-400">Notes</dt>
          <dd className="whitespace-pre-line">{pairing.notes || "None"}</dd>
        </dl>
      )}
      {canDelete ? <DeletePairing pairing={pairing} hasClutches={hasClutches} /> : null}
    </Card>
  );
}

function DeletePairing({ pairing, hasClutches }: { pairing: Pairing; hasClutches: boolean }) {
  const [open, setOpen] = useState(false);
  const remove = useDeletePairing(pairing);
  const navigate = useNavigate();
  async function confirm() {
    try {
      await remove.mutateAsync();
      notifySuccess("Pairing deleted");
      navigate("/breeding", { replace: true });
    } catch (error) {
      notifyError(error);
      setOpen(false);
    }
  }
  return (
    <div className="border-t border-stone-200 pt-3 dark:border-stone-800">
      <Button variant="ghost" size="sm" className="text-red-800! dark:text-red-300!" disabled={hasClutches} onClick={() => setOpen(true)}>
        Delete pairing
      </Button>
      {hasClutches ? (
        <p className="text-xs text-stone-600 dark:text-stone-400">A pairing with clutches stays as part of their history.</p>
      ) : null}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Delete this pairing?"
        description={`${animalLabel(pairing.sire)} × ${animalLabel(pairing.dam)} and its dates are removed. The animals stay as they are.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => void confirm()}>
              Delete pairing
            </Button>
          </>
        }
      />
    </div>
  );
}
