import { Badge, Button, Card, EmptyState, PageHeader, Skeleton, type BadgeTone } from "@reptidex/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { RetryError } from "../../components/RetryError";
import { notifyError, notifySuccess } from "../../lib/notify";
import { animalLabel } from "../../queries/animals";
import { formatDate } from "../animals/labels";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import {
  linkedLabel,
  useParentLinkAction,
  useParentLinkList,
  type LinkAction,
  type ParentLink,
} from "./queries";

export const STATUS_LABEL: Record<ParentLink["status"], string> = {
  pending: "Waiting for approval",
  approved: "Approved",
  declined: "Declined",
  canceled: "Canceled",
  suspended: "Suspended",
};

export const STATUS_TONE: Record<ParentLink["status"], BadgeTone> = {
  pending: "amber",
  approved: "teal",
  declined: "neutral",
  canceled: "neutral",
  suspended: "red",
};

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3" aria-label={title}>
      <h2 className="text-lg font-semibold">
        {title} <span className="font-normal text-stone-600 dark:text-stone-400">({count})</span>
      </h2>
      {children}
    </section>
  );
}

function LinkCard({ link, side, actions }: { link: ParentLink; side: "incoming" | "outgoing"; actions: ReactNode }) {
  const child = link.child;
  return (
    <li>
      <Card className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="font-semibold">
            {side === "incoming" ? (
              <>
                {"private" in link.parent ? (
                  linkedLabel(link.parent)
                ) : (
                  <Link to={`/animals/${link.parent.id}`} className="text-teal-800 underline dark:text-teal-300">
                    {linkedLabel(link.parent)}
                  </Link>
                )}{" "}
                as {link.role} of {animalLabel(child)}
              </>
            ) : (
              <>
                <Link to={`/animals/${child.id}`} className="text-teal-800 underline dark:text-teal-300">
                  {animalLabel(child)}
                </Link>
                : {linkedLabel(link.parent)} as {link.role}
              </>
            )}
          </p>
          <Badge tone={STATUS_TONE[link.status]}>{STATUS_LABEL[link.status]}</Badge>
        </div>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {side === "incoming"
            ? `Asked by ${child.vivarium_name}: ${animalLabel(child)}, ${child.sex}${child.hatch_date ? `, hatched ${formatDate(child.hatch_date)}` : ""}.`
            : "private" in link.parent
              ? "Its owner no longer shares this animal."
              : `Owned by ${link.parent.vivarium_name}.`}
        </p>
        {link.reason ? <p className="text-sm">{link.reason}</p> : null}
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </Card>
    </li>
  );
}

/** Parent requests: other breeders asking to record this vivarium's animals as parents, and ours. */
export default function ParentLinksPage() {
  const { vivariumId, current } = useVivarium();
  const mayCurate = useCan("curate");
  const mayEdit = useCan("edit");
  const incoming = useParentLinkList(vivariumId, "incoming");
  const outgoing = useParentLinkList(vivariumId, "outgoing");
  const action = useParentLinkAction();

  async function act(link: ParentLink, kind: LinkAction) {
    try {
      await action.mutateAsync({ link, action: kind });
      const parent = linkedLabel(link.parent);
      notifySuccess(
        kind === "approve"
          ? `${parent} is now recorded as the ${link.role} of ${animalLabel(link.child)}.`
          : kind === "decline"
            ? `Request declined: ${parent} is not linked.`
            : link.status === "suspended"
              ? "Suspended link removed."
              : "Request canceled.",
      );
    } catch (error) {
      notifyError(error);
    }
  }

  const busy = (link: ParentLink, kind: LinkAction) =>
    action.isPending && action.variables?.link.id === link.id && action.variables.action === kind;
  const incomingItems = incoming.data?.pages.flatMap((page) => page.items) ?? [];
  const outgoingItems = outgoing.data?.pages.flatMap((page) => page.items) ?? [];
  const waiting = incomingItems.filter((link) => link.status === "pending");
  const ours = outgoingItems.filter((link) => link.status === "pending" || link.status === "suspended");
  const failed = incoming.error ?? outgoing.error;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Parent requests"
        subtitle="Another breeder's animal is recorded as a parent only when its owner approves. Approving checks the lineage rules again."
      />
      {failed ? (
        <RetryError error={failed} onRetry={() => Promise.all([incoming.refetch(), outgoing.refetch()])} />
      ) : incoming.isPending || outgoing.isPending ? (
        <div aria-busy="true" aria-label="Loading parent requests" className="flex flex-col gap-3">
          <Skeleton className="h-24 w-full" />
        </div>
      ) : (
        <>
          <Section title="Asking for your animals" count={waiting.length}>
            {waiting.length ? (
              <ul className="grid gap-3 lg:grid-cols-2">
                {waiting.map((link) => (
                  <LinkCard
                    key={link.id}
                    link={link}
                    side="incoming"
                    actions={
                      mayCurate ? (
                        <>
                          <Button busy={busy(link, "approve")} onClick={() => void act(link, "approve")}>
                            Approve
                          </Button>
                          <Button variant="secondary" busy={busy(link, "decline")} onClick={() => void act(link, "decline")}>
                            Decline
                          </Button>
                        </>
                      ) : null
                    }
                  />
                ))}
              </ul>
            ) : (
              <EmptyState title="Nothing to answer">
                When a breeder asks to record one of {current?.vivarium_name}'s animals as a parent, it waits here.
              </EmptyState>
            )}
            {!mayCurate && waiting.length ? (
              <p className="text-sm text-stone-600 dark:text-stone-400">A curator or owner of this vivarium can answer them.</p>
            ) : null}
          </Section>
          <Section title="Your requests and suspended links" count={ours.length}>
            {ours.length ? (
              <ul className="grid gap-3 lg:grid-cols-2">
                {ours.map((link) => (
                  <LinkCard
                    key={link.id}
                    link={link}
                    side="outgoing"
                    actions={
                      mayEdit ? (
                        <Button variant="ghost" busy={busy(link, "cancel")} onClick={() => void act(link, "cancel")}>
                          {link.status === "suspended" ? "Remove link" : "Cancel request"}
                        </Button>
                      ) : null
                    }
                  />
                ))}
              </ul>
            ) : (
              <EmptyState title="Nothing open">
                Choose another breeder's animal as a parent on an animal's Lineage tab; the request waits here until its owner answers.
              </EmptyState>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
