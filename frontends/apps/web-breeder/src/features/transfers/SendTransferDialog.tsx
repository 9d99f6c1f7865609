import { Dialog, SelectField, TextAreaField, TextField } from "@reptidex/ui";
import { useState } from "react";

import { FormProblem } from "../../auth/AuthLayout";
import { AnimalPicker, type PickedAnimal } from "../../components/AnimalPicker";
import { FormActions } from "../../components/FormActions";
import { notifySuccess } from "../../lib/notify";
import { useFormSubmit } from "../../lib/useFormSubmit";
import { animalLabel } from "../../queries/animals";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { parseVivariumId } from "./transferModel";
import { useSendTransfer } from "./transferQueries";

const ANOTHER = "another";

/**
 * Offer an animal to another vivarium: one of the breeder's own, or another breeder's by the
 * id they shared. The receiver has 14 days to accept; the animal stays here until then.
 */
export function SendTransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { vivariumId, current, memberships } = useVivarium();
  const ownOthers = memberships.filter((m) => m.vivarium_id !== vivariumId);
  const [animal, setAnimal] = useState<PickedAnimal | null>(null);
  const [target, setTarget] = useState<string>(ANOTHER);
  const [pasted, setPasted] = useState("");
  const [message, setMessage] = useState("");
  const [local, setLocal] = useState<{ animal?: string; recipient?: string }>({});
  const send = useSendTransfer();

  function reset() {
    setAnimal(null);
    setTarget(ANOTHER);
    setPasted("");
    setMessage("");
    setLocal({});
    form.clear();
  }

  function close() {
    reset();
    onClose();
  }

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    const recipient = target === ANOTHER ? parseVivariumId(pasted) : target;
    const problems = {
      animal: animal ? undefined : "Choose the animal to send.",
      recipient: recipient
        ? recipient === vivariumId
          ? "That is this vivarium's own ID; enter the other breeder's."
          : undefined
        : "Paste the vivarium ID the other breeder gave you (it looks like 0190a1b2-…).",
    };
    setLocal(problems);
    if (problems.animal || problems.recipient || !animal || !recipient) return;
    const transfer = await send.mutateAsync({
      animal_id: animal.id,
      to_vivarium_id: recipient,
      message: message.trim() || null,
    });
    notifySuccess(`${animalLabel(animal)} offered to ${transfer.to_vivarium.name}. It stays here until they accept.`);
    close();
  });

  const recipientError = local.recipient ?? form.fields.to_vivarium_id;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Send an animal"
      description={`The animal moves out of ${current?.vivarium_name ?? "this vivarium"} with its genotype, logs and lineage once the receiver accepts. You keep a read-only record.`}
    >
      <FormProblem summary={form.summary && !form.fields.to_vivarium_id ? form.summary : null} />
      <form id="send-transfer" onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <AnimalPicker
          label="Animal"
          name="transfer-animal"
          vivariumId={vivariumId}
          value={animal}
          onChange={setAnimal}
          error={local.animal ?? form.fields.animal_id}
        />
        {ownOthers.length ? (
          <SelectField label="Send to" value={target} onChange={(event) => setTarget(event.target.value)}>
            {ownOthers.map((m) => (
              <option key={m.vivarium_id} value={m.vivarium_id}>
                {m.vivarium_name} (one of your vivariums)
              </option>
            ))}
            <option value={ANOTHER}>Another breeder’s vivarium…</option>
          </SelectField>
        ) : null}
        {target === ANOTHER ? (
          <TextField
            label="Receiving vivarium ID"
            name="to_vivarium_id"
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="0190a1b2-…"
            hint="The other breeder finds it under Vivarium & members → Receive animals."
            error={recipientError}
          />
        ) : recipientError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {recipientError}
          </p>
        ) : null}
        <TextAreaField
          label="Message to the receiver (optional)"
          name="message"
          maxLength={2000}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          hint="E.g. the sale, the pick-up date, feeding notes."
        />
        <FormActions submitLabel="Send transfer" busy={send.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
