import { Dialog, SelectField, TextField } from "@reptidex/ui";
import { useState } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { DialogFormFooter } from "../../../components/FormActions";
import { notifySuccess } from "../../../lib/notify";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { formatDate, localToday } from "../dates";
import {
  dateChange,
  eventKey,
  eventLabel,
  MOVE_LABEL,
  STATUS_LABEL,
  type Pairing,
  type PairingStatus,
} from "../pairingStatus";
import { useUpdatePairing } from "../queries";

/** What the dialog does: move the pairing on, correct a recorded date, or add another date. */
export type DateAction = { kind: "move"; status: PairingStatus } | { kind: "edit"; key: string; date: string } | { kind: "add" };

// Dates breeders note besides the status steps.
const EXTRA_EVENTS = ["pre_lay_shed_at", "post_ovulation_shed_at", "separated_at"] as const;
const EXTRA_LABEL: Record<(typeof EXTRA_EVENTS)[number], string> = {
  pre_lay_shed_at: "Pre-lay shed",
  post_ovulation_shed_at: "Post-ovulation shed",
  separated_at: "Separated",
};

export function PairingDateDialog({ pairing, action, onClose }: { pairing: Pairing; action: DateAction | null; onClose: () => void }) {
  const update = useUpdatePairing(pairing);
  return (
    <Dialog
      open={action !== null}
      onClose={onClose}
      title={
        action?.kind === "move"
          ? `${MOVE_LABEL[action.status]}`
          : action?.kind === "edit"
            ? `Change the date: ${eventLabel(action.key).toLowerCase()}`
            : "Add a date"
      }
      description={
        action?.kind === "move"
          ? `The pairing becomes ${STATUS_LABEL[action.status].toLowerCase()}${action.status === "failed" || action.status === "completed" ? "; this is final" : ""}.`
          : undefined
      }
      footer={
        <DialogFormFooter
          formId="pairing-date"
          submitLabel={action?.kind === "move" ? MOVE_LABEL[action.status] : "Save date"}
          busy={update.isPending}
          onCancel={onClose}
          variant={action?.kind === "move" && action.status === "failed" ? "danger" : "primary"}
        />
      }
    >
      {action ? <DateForm key={JSON.stringify(action)} pairing={pairing} action={action} update={update} onDone={onClose} /> : null}
    </Dialog>
  );
}

function DateForm({
  pairing,
  action,
  update,
  onDone,
}: {
  pairing: Pairing;
  action: DateAction;
  update: ReturnType<typeof useUpdatePairing>;
  onDone: () => void;
}) {
  const today = localToday();
  const [date, setDate] = useState(action.kind === "edit" ? action.date : today);
  const [extra, setExtra] = useState<(typeof EXTRA_EVENTS)[number]>("pre_lay_shed_at");
  const key = action.kind === "move" ? eventKey(action.status) : action.kind === "edit" ? action.key : extra;

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    await update.mutateAsync(dateChange(pairing, action, key, date));
    notifySuccess(
      action.kind === "move" ? `Pairing marked ${STATUS_LABEL[action.status].toLowerCase()}` : `${eventLabel(key)}: ${formatDate(date)}`,
    );
    onDone();
  });

  return (
    <form id="pairing-date" onSubmit={submit} className="flex flex-col gap-4">
      <FormProblem summary={form.summary} />
      {action.kind === "add" ? (
        <SelectField label="What happened" value={extra} onChange={(event) => setExtra(event.target.value as typeof extra)}>
          {EXTRA_EVENTS.map((value) => (
            <option key={value} value={value}>
              {EXTRA_LABEL[value]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label={action.kind === "move" ? `${eventLabel(key)} on` : "Date"}
        type="date"
        required
        max={today}
        value={date}
        onChange={(event) => setDate(event.target.value)}
        error={form.fields[key]}
      />
    </form>
  );
}
