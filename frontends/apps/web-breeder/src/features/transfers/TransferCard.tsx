import { Badge, Button, SEX_SYMBOL } from "@reptidex/ui";
import { ArrowRight } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { ConfirmDialog } from "../vivarium/ConfirmDialog";
import { SnapshotDetails } from "./SnapshotDetails";
import { expiresIn, readSnapshot, STATUS_LABEL, STATUS_TONE, type DirectedTransfer, type TransferAction } from "./transferModel";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
export const formatDate = (iso: string) => DATE.format(new Date(iso));

/** One transfer: the animal, who sends it to whom, when, and what this member may do with it. */
export function TransferCard({
  transfer,
  actions,
  note,
}: {
  transfer: DirectedTransfer;
  actions?: ReactNode;
  note?: ReactNode;
}) {
  const snapshot = readSnapshot(transfer);
  const title = snapshot.name ? `${snapshot.displayId} · ${snapshot.name}` : snapshot.displayId;
  // The receiver can open the animal once it is theirs; the sender keeps only the record.
  const opensHere = transfer.direction === "incoming" && transfer.shownStatus === "accepted";
  return (
    <li
      aria-label={`${title}, ${transfer.direction === "incoming" ? "from" : "to"} ${transfer.direction === "incoming" ? transfer.from_vivarium.name : transfer.to_vivarium.name}`}
      className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">
            <span aria-hidden="true" className="mr-1 text-stone-500">
              {SEX_SYMBOL[snapshot.sex]}
            </span>
            {opensHere ? (
              <Link className="text-teal-800 underline dark:text-teal-300" to={`/animals/${transfer.animal_id}`}>
                {title}
              </Link>
            ) : (
              title
            )}
          </h3>
          <p className="flex flex-wrap items-center gap-1 text-sm text-stone-600 dark:text-stone-400">
            <span>{transfer.from_vivarium.name}</span>
            <ArrowRight aria-label="to" size={14} />
            <span>{transfer.to_vivarium.name}</span>
          </p>
        </div>
        <Badge tone={STATUS_TONE[transfer.shownStatus]}>{STATUS_LABEL[transfer.shownStatus]}</Badge>
      </div>
      <SnapshotDetails snapshot={snapshot} />
      {transfer.message ? (
        <blockquote className="rounded-lg border-l-4 border-teal-600 bg-stone-50 px-3 py-2 text-sm whitespace-pre-line dark:bg-stone-950">
          {transfer.message}
        </blockquote>
      ) : null}
      <p className="text-xs text-stone-600 dark:text-stone-400">
        Sent {formatDate(transfer.created_at)}
        {transfer.shownStatus === "pending" ? ` · expires ${expiresIn(transfer.expires_at)} (${formatDate(transfer.expires_at)})` : null}
        {transfer.responded_at ? ` · ${STATUS_LABEL[transfer.shownStatus].toLowerCase()} ${formatDate(transfer.responded_at)}` : null}
        {snapshot.newDisplayId && snapshot.newDisplayId !== snapshot.displayId ? ` · now ${snapshot.newDisplayId}` : null}
      </p>
      {transfer.close_reason ? (
        <p className="text-sm text-stone-700 dark:text-stone-300" data-testid="transfer-close-reason">
          {transfer.close_reason}
        </p>
      ) : null}
      {note ? <p className="text-sm text-stone-700 dark:text-stone-300">{note}</p> : null}
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </li>
  );
}

const CONFIRM: Record<Exclude<TransferAction, "accept">, { title: string; body: string; label: string }> = {
  decline: {
    title: "Decline this transfer?",
    body: "The animal stays with the sender. They would have to send it again if you change your mind.",
    label: "Decline transfer",
  },
  cancel: {
    title: "Cancel this transfer?",
    body: "The receiver can no longer accept it, and the animal stays in your vivarium.",
    label: "Cancel transfer",
  },
};

/** A button for a step that cannot be undone, asking first. */
export function ConfirmedAction({
  action,
  busy,
  onConfirm,
}: {
  action: Exclude<TransferAction, "accept">;
  busy: boolean;
  onConfirm: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const copy = CONFIRM[action];
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {action === "decline" ? "Decline" : "Cancel transfer"}
      </Button>
      <ConfirmDialog
        open={open}
        title={copy.title}
        confirmLabel={copy.label}
        danger
        busy={busy}
        onClose={() => setOpen(false)}
        onConfirm={() => void onConfirm().finally(() => setOpen(false))}
      >
        {copy.body}
      </ConfirmDialog>
    </>
  );
}
