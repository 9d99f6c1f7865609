import { unwrap } from "@reptidex/api-client";
import { Badge, Button, Card, controlClass, Dialog, EmptyState, GrowthChart, Skeleton } from "@reptidex/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useMemo, useState } from "react";

import { api } from "../../api";
import { RetryError } from "../../components/RetryError";
import { explain } from "../../lib/problems";
import { notifyError, notifySuccess } from "../../lib/notify";
import type { Animal } from "../../queries/animals";
import { keys } from "../../queries/keys";
import { formatDateTime, relativeDays } from "./labels";
import { LoadMore } from "./LoadMore";
import { LogForm } from "./LogForm";
import { describeLog, LOG_KIND_LABEL, LOG_KINDS, OUTCOME_LABEL, type LogKind } from "./logModel";
import { useFeeding, useLogs, useWeights, type LogRead } from "./queries";

function FeedingStatusCard({ animal }: { animal: Animal }) {
  const feeding = useFeeding(animal.id);
  let body;
  if (feeding.isPending)
    body = (
      <div aria-busy="true" aria-label="Loading the feeding schedule">
        <Skeleton className="h-16" />
      </div>
    );
  else if (feeding.isError) body = <p className="text-sm">{explain(feeding.error).message}</p>;
  else {
    const status = feeding.data;
    const source = { animal: "its own interval", species: "the species' interval", default: "the default interval" }[
      status.interval_source
    ];
    body = (
      <div className="flex flex-col gap-1 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          {status.due ? (
            <Badge tone={status.overdue_days > 0 ? "red" : "amber"}>
              {status.overdue_days > 0 ? `Overdue ${status.overdue_days} day${status.overdue_days === 1 ? "" : "s"}` : "Due today"}
            </Badge>
          ) : (
            <Badge tone="teal">Fed</Badge>
          )}
          <span>
            {status.last_fed_at ? `Last ate ${relativeDays(status.last_fed_at)}` : "No accepted feeding logged yet"}
          </span>
        </p>
        {status.last_feeding && status.last_feeding.outcome !== "accepted" ? (
          <p className="text-stone-700 dark:text-stone-300">
            Last attempt {relativeDays(status.last_feeding.occurred_at)}: {OUTCOME_LABEL[status.last_feeding.outcome].toLowerCase()}.
          </p>
        ) : null}
        <p className="text-stone-600 dark:text-stone-400">
          {status.next_offer_at ? `Offer food ${relativeDays(status.next_offer_at)}` : "Offer food now"} · every {status.interval_days} days (
          {source})
        </p>
      </div>
    );
  }
  return (
    <Card>
      <h3 className="mb-2 font-semibold">Feeding</h3>
      {body}
    </Card>
  );
}

function GrowthCard({ animal }: { animal: Animal }) {
  const weights = useWeights(animal.id);
  const points = useMemo(
    () => (weights.data?.points ?? []).map((point) => ({ at: point.occurred_at, grams: point.grams })),
    [weights.data],
  );
  return (
    <Card className="min-w-0">
      {weights.isPending ? (
        <div aria-busy="true" aria-label="Loading weights">
          <Skeleton className="h-56" />
        </div>
      ) : weights.isError ? (
        <p className="text-sm">{explain(weights.error).message}</p>
      ) : (
        <GrowthChart points={points} title={`Growth of ${animal.display_id}`} />
      )}
    </Card>
  );
}

function LogEntry({ log, canDelete, onDelete }: { log: LogRead; canDelete: boolean; onDelete: (log: LogRead) => void }) {
  return (
    <li className="flex items-start justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={log.kind === "health" || log.kind === "vet" || log.kind === "medication" ? "violet" : "neutral"}>
            {LOG_KIND_LABEL[log.kind]}
          </Badge>
          <span className="font-medium">{describeLog(log)}</span>
        </p>
        {log.notes ? <p className="mt-1 text-sm whitespace-pre-wrap text-stone-700 dark:text-stone-300">{log.notes}</p> : null}
        <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
          <time dateTime={log.occurred_at}>{formatDateTime(log.occurred_at)}</time>
        </p>
      </div>
      {canDelete ? (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Delete ${LOG_KIND_LABEL[log.kind].toLowerCase()} of ${formatDateTime(log.occurred_at)}`}
          onClick={() => onDelete(log)}
          icon={<Trash2 aria-hidden="true" size={16} />}
        />
      ) : null}
    </li>
  );
}

function LogHistory({ animal, canEdit }: { animal: Animal; canEdit: boolean }) {
  const client = useQueryClient();
  const [kind, setKind] = useState<LogKind | "">("");
  const [deleting, setDeleting] = useState<LogRead | null>(null);
  const logs = useLogs(animal.id, kind);
  const items = logs.data?.pages.flatMap((page) => page.items) ?? [];

  const remove = useMutation({
    mutationFn: (log: LogRead) => unwrap(api.animal.DELETE("/api/v1/logs/{log_id}", { params: { path: { log_id: log.id } } })),
    onSuccess: (_, log) => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: keys.logs(animal.id) });
      void client.invalidateQueries({ queryKey: keys.feeding(animal.id) });
      void client.invalidateQueries({ queryKey: keys.today(animal.vivarium_id) });
      if (log.kind === "weight") void client.invalidateQueries({ queryKey: keys.weights(animal.id) });
      notifySuccess("Entry deleted.");
    },
    onError: (error) => {
      setDeleting(null);
      notifyError(error);
    },
  });

  let list;
  if (logs.isPending) {
    list = (
      <div aria-busy="true" aria-label="Loading the log" className="flex flex-col gap-2">
        <Skeleton className="h-12" />
        <Skeleton className="h-12" />
      </div>
    );
  } else if (logs.isError && !items.length) {
    list = <RetryError error={logs.error} onRetry={() => logs.refetch()} />;
  } else if (!items.length) {
    list = (
      <EmptyState title={kind ? `No ${LOG_KIND_LABEL[kind].toLowerCase()} entries` : "Nothing logged yet"}>
        {canEdit ? "Entries you add above appear here, newest first." : "Entries made by handlers appear here, newest first."}
      </EmptyState>
    );
  } else {
    list = (
      <>
        <ul aria-label="Log entries" className="divide-y divide-stone-200 dark:divide-stone-800">
          {items.map((log) => (
            <LogEntry key={log.id} log={log} canDelete={canEdit} onDelete={setDeleting} />
          ))}
        </ul>
        <LoadMore
          hasMore={logs.hasNextPage}
          loading={logs.isFetchingNextPage}
          onLoad={() => void logs.fetchNextPage()}
          label="Show older entries"
          auto={false}
        />
      </>
    );
  }

  return (
    <Card>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <h3 className="font-semibold">History</h3>
        <div className="flex items-center gap-2">
          <label htmlFor="log-kind-filter" className="text-sm font-medium">
            Show
          </label>
          <div className="w-44">
            <select
              id="log-kind-filter"
              value={kind}
              onChange={(event) => setKind(event.target.value as LogKind | "")}
              className={controlClass}
            >
              <option value="">All entries</option>
              {LOG_KINDS.map((item) => (
                <option key={item} value={item}>
                  {LOG_KIND_LABEL[item]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {list}
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this entry?"
        description={deleting ? `${LOG_KIND_LABEL[deleting.kind]}: ${describeLog(deleting)}, ${formatDateTime(deleting.occurred_at)}.` : undefined}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>
              Delete
            </Button>
          </>
        }
      >
        <p className="text-sm">It disappears from the history, the growth chart and the feeding schedule. This cannot be undone.</p>
      </Dialog>
    </Card>
  );
}

export function HusbandrySection({ animal, canEdit }: { animal: Animal; canEdit: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <FeedingStatusCard animal={animal} />
        <GrowthCard animal={animal} />
      </div>
      {canEdit ? (
        <Card>
          <h3 className="mb-3 font-semibold">Add an entry</h3>
          <LogForm animal={animal} />
        </Card>
      ) : null}
      <LogHistory animal={animal} canEdit={canEdit} />
    </div>
  );
}
