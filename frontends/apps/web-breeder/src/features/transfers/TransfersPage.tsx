import { Badge, Button, EmptyState, ErrorState, PageHeader, Skeleton } from "@reptidex/ui";
import { Send } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { RetryError } from "../../components/RetryError";
import { explain } from "../../lib/problems";
import { notifyError, notifySuccess } from "../../lib/notify";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { VivariumIdCard } from "../vivarium/VivariumIdCard";
import { SendTransferDialog } from "./SendTransferDialog";
import { ConfirmedAction, formatDate, TransferCard } from "./TransferCard";
import {
  readSnapshot,
  splitTransfers,
  STATUS_LABEL,
  STATUS_TONE,
  type DirectedTransfer,
  type Transfer,
  type TransferAction,
} from "./transferModel";
import { flatten, useTransferAction, useTransferList, useTransferredAnimals } from "./transferQueries";

export default function TransfersPage() {
  const { vivariumId, current } = useVivarium();
  const mayCurate = useCan("curate");
  const [sending, setSending] = useState(false);
  const incoming = useTransferList(vivariumId, "incoming");
  const outgoing = useTransferList(vivariumId, "outgoing");
  const action = useTransferAction(vivariumId);

  async function act(transfer: Transfer, kind: TransferAction) {
    const label = readSnapshot(transfer).displayId;
    try {
      await action.mutateAsync({ transfer, action: kind });
      notifySuccess(
        kind === "accept"
          ? `${label} is now in ${transfer.to_vivarium.name}.`
          : kind === "decline"
            ? `Transfer of ${label} declined.`
            : `Transfer of ${label} canceled.`,
      );
    } catch (error) {
      notifyError(error);
    }
  }

  const loading = incoming.isPending || outgoing.isPending;
  const failed = incoming.error ?? outgoing.error;
  const lists = splitTransfers(flatten(incoming.data?.pages), flatten(outgoing.data?.pages));
  const busyWith = (transfer: Transfer) => action.isPending && action.variables?.transfer.id === transfer.id;
  const roleNote = "A curator or owner of this vivarium can answer it.";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Transfers"
        subtitle="Move an animal to another vivarium with its genotype, logs and lineage. The receiver accepts or declines."
        actions={
          mayCurate ? (
            <Button icon={<Send aria-hidden="true" size={16} />} onClick={() => setSending(true)}>
              Send an animal
            </Button>
          ) : null
        }
      />
      {!mayCurate ? (
        <p className="-mt-4 text-sm text-stone-600 dark:text-stone-400">
          Sending and answering transfers needs the curator or owner role in {current?.vivarium_name}.
        </p>
      ) : null}

      {failed ? (
        <RetryError error={failed} onRetry={() => Promise.all([incoming.refetch(), outgoing.refetch()])} />
      ) : loading ? (
        <div aria-busy="true" aria-label="Loading transfers" className="flex flex-col gap-3">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : (
        <>
          <Section title="Waiting for your answer" count={lists.incomingPending.length}>
            {lists.incomingPending.length ? (
              <ul className="grid gap-3 lg:grid-cols-2">
                {lists.incomingPending.map((transfer) => (
                  <TransferCard
                    key={transfer.id}
                    transfer={transfer}
                    note={mayCurate ? null : roleNote}
                    actions={
                      mayCurate ? (
                        <>
                          <Button busy={busyWith(transfer) && action.variables?.action === "accept"} onClick={() => void act(transfer, "accept")}>
                            Accept
                          </Button>
                          <ConfirmedAction action="decline" busy={busyWith(transfer)} onConfirm={() => act(transfer, "decline")} />
                        </>
                      ) : null
                    }
                  />
                ))}
              </ul>
            ) : (
              <EmptyState title="Nothing to answer">
                When a breeder sends an animal to {current?.vivarium_name}, it waits here for you to accept or decline.
              </EmptyState>
            )}
          </Section>

          <Section title="Sent, waiting for the receiver" count={lists.outgoingPending.length}>
            {lists.outgoingPending.length ? (
              <ul className="grid gap-3 lg:grid-cols-2">
                {lists.outgoingPending.map((transfer) => (
                  <TransferCard
                    key={transfer.id}
                    transfer={transfer}
                    actions={
                      mayCurate ? (
                        <ConfirmedAction action="cancel" busy={busyWith(transfer)} onConfirm={() => act(transfer, "cancel")} />
                      ) : null
                    }
                  />
                ))}
              </ul>
            ) : (
              <EmptyState
                title="No transfer on its way"
                action={
                  mayCurate ? (
                    <Button variant="secondary" onClick={() => setSending(true)}>
                      Send an animal
                    </Button>
                  ) : null
                }
              >
                An animal you send stays here until the receiver accepts it.
              </EmptyState>
            )}
          </Section>

          <Section title="History" count={lists.history.length}>
            {lists.history.length ? (
              <ul aria-label="Transfer history" className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
                {lists.history.map((transfer) => (
                  <HistoryRow key={transfer.id} transfer={transfer} />
                ))}
              </ul>
            ) : (
              <p className="text-sm text-stone-600 dark:text-stone-400">
                None yet. Accepted, declined, canceled and expired transfers are listed here.
              </p>
            )}
            {incoming.hasNextPage || outgoing.hasNextPage ? (
              <Button
                variant="secondary"
                className="mt-3"
                busy={incoming.isFetchingNextPage || outgoing.isFetchingNextPage}
                onClick={() => void Promise.all([incoming.hasNextPage && incoming.fetchNextPage(), outgoing.hasNextPage && outgoing.fetchNextPage()])}
              >
                Show older transfers
              </Button>
            ) : null}
          </Section>

          <TransferredAway vivariumId={vivariumId} />
        </>
      )}

      {current ? <VivariumIdCard vivariumId={vivariumId} vivariumName={current.vivarium_name} /> : null}
      {mayCurate ? <SendTransferDialog open={sending} onClose={() => setSending(false)} /> : null}
    </div>
  );
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replaceAll(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="flex items-center gap-2 text-lg font-semibold">
        {title}
        {count ? <Badge>{count}</Badge> : null}
      </h2>
      {children}
    </section>
  );
}

function HistoryRow({ transfer }: { transfer: DirectedTransfer }) {
  const snapshot = readSnapshot(transfer);
  const title = snapshot.name ? `${snapshot.displayId} · ${snapshot.name}` : snapshot.displayId;
  const incoming = transfer.direction === "incoming";
  const other = incoming ? transfer.from_vivarium.name : transfer.to_vivarium.name;
  const opensHere = incoming && transfer.shownStatus === "accepted";
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
      <div className="min-w-0">
        <p className="font-medium">
          {opensHere ? (
            <Link className="text-teal-800 underline dark:text-teal-300" to={`/animals/${transfer.animal_id}`}>
              {title}
            </Link>
          ) : (
            title
          )}
        </p>
        <p className="text-stone-600 dark:text-stone-400">
          {incoming ? `Received from ${other}` : `Sent to ${other}`} · {formatDate(transfer.responded_at ?? transfer.expires_at)}
        </p>
      </div>
      <Badge tone={STATUS_TONE[transfer.shownStatus]}>{STATUS_LABEL[transfer.shownStatus]}</Badge>
    </li>
  );
}

/** The sender's read-only record of each animal that left: what it was when it went. */
function TransferredAway({ vivariumId }: { vivariumId: string }) {
  const records = useTransferredAnimals(vivariumId);
  const items = flatten(records.data?.pages).map((t): DirectedTransfer => ({ ...t, direction: "outgoing", shownStatus: t.status }));
  return (
    <Section title="Animals transferred away" count={items.length}>
      <p className="-mt-2 text-sm text-stone-600 dark:text-stone-400">
        A read-only record of each animal as it left, kept for your books after the receiver accepted.
      </p>
      {records.error ? (
        <ErrorState {...explain(records.error)} />
      ) : records.isPending ? (
        <div aria-busy="true" aria-label="Loading records">
          <Skeleton className="h-24 w-full" />
        </div>
      ) : items.length ? (
        <ul aria-label="Animals transferred away" className="grid gap-3 lg:grid-cols-2">
          {items.map((transfer) => (
            <TransferCard key={transfer.id} transfer={transfer} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600 dark:text-stone-400">No animal has left this vivarium by transfer yet.</p>
      )}
      {records.hasNextPage ? (
        <Button variant="secondary" busy={records.isFetchingNextPage} onClick={() => void records.fetchNextPage()}>
          Show more
        </Button>
      ) : null}
    </Section>
  );
}
