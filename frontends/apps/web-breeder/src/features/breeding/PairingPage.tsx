import { Badge, Button, Card, ErrorState, PageHeader, Skeleton } from "@reptidex/ui";
import { ArrowLeft, CalendarPlus, Egg } from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "react-router";

import { explain } from "../../lib/problems";
import { useSpeciesById } from "../../queries/catalogue";
import { useCanIn } from "../../vivarium/useCan";
import { ClutchCard } from "./components/ClutchCard";
import { LayClutchDialog } from "./components/LayClutchDialog";
import { PairingDateDialog, type DateAction } from "./components/PairingDateDialog";
import { PairingDetails } from "./components/PairingDetails";
import { PairingTimeline } from "./components/PairingTimeline";
import { ParentPair } from "./components/ParentPair";
import { localToday } from "./dates";
import { canLay, MOVE_LABEL, STATUS_LABEL, STATUS_MEANING, STATUS_TONE, type PairingStatus } from "./pairingStatus";
import { useClutches, usePairing } from "./queries";

export function BackToBreeding() {
  return (
    <Link
      to="/breeding"
      className="mb-2 inline-flex min-h-9 items-center gap-1 rounded text-sm font-medium text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300"
    >
      <ArrowLeft aria-hidden="true" size={16} /> Breeding
    </Link>
  );
}

export default function PairingPage() {
  const { pairingId } = useParams();
  const pairingQuery = usePairing(pairingId);
  const pairing = pairingQuery.data;
  const canEdit = useCanIn(pairing?.vivarium_id, "edit");
  const canDelete = useCanIn(pairing?.vivarium_id, "curate");
  const clutchesQuery = useClutches(pairing?.vivarium_id);
  const species = useSpeciesById().get(pairing?.species_id ?? "");
  const [dateAction, setDateAction] = useState<DateAction | null>(null);
  const [laying, setLaying] = useState(false);
  const today = localToday();

  if (pairingQuery.error) {
    return (
      <>
        <BackToBreeding />
        <ErrorState {...explain(pairingQuery.error)} />
      </>
    );
  }
  if (!pairing) {
    return (
      <div aria-busy="true" aria-label="Loading pairing" className="flex flex-col gap-4">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-10 w-2/3" />
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <Skeleton className="h-56" />
          <Skeleton className="h-56" />
        </div>
      </div>
    );
  }

  const clutches = (clutchesQuery.data ?? [])
    .filter((clutch) => clutch.pairing_id === pairing.id)
    .sort((a, b) => b.laid_date.localeCompare(a.laid_date));
  const moves = pairing.allowed_next.filter((status): status is PairingStatus => status !== "failed");
  const mayFail = pairing.allowed_next.includes("failed");

  return (
    <>
      <BackToBreeding />
      <PageHeader
        title={<ParentPair sire={pairing.sire} dam={pairing.dam} />}
        subtitle={[species?.common_name, pairing.season ? `Season ${pairing.season}` : "No season"].filter(Boolean).join(" · ")}
        actions={
          <Badge tone={STATUS_TONE[pairing.status]} className="px-3 py-1 text-sm">
            {STATUS_LABEL[pairing.status]} · {STATUS_MEANING[pairing.status]}
          </Badge>
        }
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <Card className="flex flex-col gap-4">
            <h2 className="text-base font-semibold">Progress</h2>
            <PairingTimeline pairing={pairing} onEdit={canEdit ? (key, date) => setDateAction({ kind: "edit", key, date }) : undefined} />
            {canEdit ? (
              <div className="flex flex-wrap gap-2">
                {moves.map((status) => (
                  <Button key={status} onClick={() => setDateAction({ kind: "move", status })}>
                    {MOVE_LABEL[status]}
                  </Button>
                ))}
                <Button variant="secondary" icon={<CalendarPlus aria-hidden="true" size={18} />} onClick={() => setDateAction({ kind: "add" })}>
                  Add a date
                </Button>
                {mayFail ? (
                  <Button variant="ghost" className="text-red-800! dark:text-red-300!" onClick={() => setDateAction({ kind: "move", status: "failed" })}>
                    {MOVE_LABEL.failed}
                  </Button>
                ) : null}
              </div>
            ) : null}
          </Card>

          <Card className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-base font-semibold">Clutches</h2>
              {canEdit && canLay(pairing.status) ? (
                <Button icon={<Egg aria-hidden="true" size={18} />} onClick={() => setLaying(true)}>
                  Record a clutch
                </Button>
              ) : null}
            </div>
            {clutchesQuery.error ? (
              <ErrorState {...explain(clutchesQuery.error)} />
            ) : clutchesQuery.isLoading ? (
              <div aria-busy="true" aria-label="Loading clutches">
                <Skeleton className="h-32" />
              </div>
            ) : clutches.length ? (
              <div className="grid gap-3 sm:grid-cols-2">
                {clutches.map((clutch) => (
                  <ClutchCard key={clutch.id} clutch={clutch} today={today} parents={{ sire: pairing.sire, dam: pairing.dam }} />
                ))}
              </div>
            ) : (
              <p className="text-sm text-stone-600 dark:text-stone-400">
                {pairing.status === "failed"
                  ? "No clutch came from this pairing."
                  : "No eggs yet. Record the clutch on the day it is laid; the countdown to hatching starts then."}
              </p>
            )}
          </Card>
        </div>

        <PairingDetails pairing={pairing} canEdit={canEdit} canDelete={canDelete} hasClutches={clutches.length > 0} />
      </div>

      {canEdit ? (
        <>
          <PairingDateDialog pairing={pairing} action={dateAction} onClose={() => setDateAction(null)} />
          <LayClutchDialog pairing={pairing} open={laying} onClose={() => setLaying(false)} />
        </>
      ) : null}
    </>
  );
}
