import { Badge, Button, Card, Dialog, ErrorState, PageHeader, Skeleton } from "@reptidex/ui";
import { ArrowLeft, Pencil } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";

import { notifyError, notifySuccess } from "../../lib/notify";
import { explain } from "../../lib/problems";
import { useSpeciesById } from "../../queries/catalogue";
import { useCanIn } from "../../vivarium/useCan";
import { CLUTCH_STATUS_LABEL, CLUTCH_STATUS_TONE, ClutchParents } from "./components/ClutchCard";
import { CountdownBar } from "./components/CountdownBar";
import { EditClutchDialog } from "./components/EditClutchDialog";
import { HatchForm } from "./components/HatchForm";
import { HatchlingList, type HatchlingRow } from "./components/HatchlingList";
import { formatDate, localToday } from "./dates";
import { remainingEggs } from "./hatchForm";
import { countdown, type Clutch } from "./incubation";
import { BackToBreeding } from "./PairingPage";
import { useClutch, useClutchHatchlings, useFailClutch } from "./queries";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-stone-600 dark:text-stone-400">{label}</dt>
      <dd className="mt-0.5 font-medium tabular-nums">{children}</dd>
    </div>
  );
}

export default function ClutchPage() {
  const { clutchId } = useParams();
  const clutchQuery = useClutch(clutchId);
  const clutch = clutchQuery.data;
  const canEdit = useCanIn(clutch?.vivarium_id, "edit");
  const species = useSpeciesById().get(clutch?.species_id ?? "");
  const hatchlingsQuery = useClutchHatchlings(clutch);
  const [justHatched, setJustHatched] = useState<HatchlingRow[]>([]);
  const [hatching, setHatching] = useState(false);
  const [editing, setEditing] = useState(false);
  const [failing, setFailing] = useState(false);
  const today = localToday();

  if (clutchQuery.error) {
    return (
      <>
        <BackToBreeding />
        <ErrorState {...explain(clutchQuery.error)} />
      </>
    );
  }
  if (!clutch) {
    return (
      <div aria-busy="true" aria-label="Loading clutch" className="flex flex-col gap-4">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-10 w-2/3" />
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    );
  }

  const state = countdown(clutch, today);
  const remaining = remainingEggs(clutch);
  const mayHatch = canEdit && clutch.status !== "failed" && remaining > 0;
  // The list just returned by the hatch shows at once; the looked-up list takes over after.
  const known = new Map<string, HatchlingRow>(justHatched.map((animal) => [animal.id, animal]));
  for (const animal of hatchlingsQuery.data ?? []) known.set(animal.id, animal);
  const hatchlings = [...known.values()].sort((a, b) => a.display_id.localeCompare(b.display_id));

  return (
    <>
      {clutch.pairing_id ? (
        <Link
          to={`/breeding/pairings/${clutch.pairing_id}`}
          className="mb-2 inline-flex min-h-9 items-center gap-1 rounded text-sm font-medium text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300"
        >
          <ArrowLeft aria-hidden="true" size={16} /> Pairing
        </Link>
      ) : (
        <BackToBreeding />
      )}
      <PageHeader
        title={`Clutch laid ${formatDate(clutch.laid_date)}`}
        subtitle={
          <>
            <ClutchParents clutch={clutch} />
            {species ? <span> · {species.common_name}</span> : null}
          </>
        }
        actions={
          <Badge tone={CLUTCH_STATUS_TONE[clutch.status]} className="px-3 py-1 text-sm">
            {CLUTCH_STATUS_LABEL[clutch.status]}
          </Badge>
        }
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <Card className="flex flex-col gap-3">
            <h2 className="text-base font-semibold">Incubation</h2>
            <CountdownBar countdown={state} large />
            {clutch.expected_hatch_date && clutch.status === "incubating" ? (
              <p className="text-sm text-stone-600 dark:text-stone-400">
                Expected {formatDate(clutch.expected_hatch_date)}, worked out from the {species?.common_name.toLowerCase() ?? "species"}
                &apos;s incubation data{clutch.incubation_temp_c !== null ? ` at ${clutch.incubation_temp_c} °C` : ""}. Hatching a few days
                either side is normal.
              </p>
            ) : null}
            {mayHatch || (canEdit && clutch.status === "incubating") ? (
              <div className="flex flex-wrap gap-2 pt-1">
                {mayHatch && !hatching ? (
                  <Button onClick={() => setHatching(true)}>{clutch.status === "hatched" ? "Record more hatchlings" : "Hatch"}</Button>
                ) : null}
                {canEdit && clutch.status === "incubating" ? (
                  <Button variant="ghost" className="text-red-800! dark:text-red-300!" onClick={() => setFailing(true)}>
                    Mark failed
                  </Button>
                ) : null}
              </div>
            ) : null}
          </Card>

          {hatching ? (
            <HatchForm
              clutch={clutch}
              idPrefix={species?.code_prefix}
              onCancel={() => setHatching(false)}
              onHatched={(animals) => {
                setJustHatched(animals);
                setHatching(false);
              }}
            />
          ) : null}

          {clutch.hatched_count > 0 || hatchlings.length ? (
            <Card className="flex flex-col gap-3">
              <h2 className="text-base font-semibold">Hatchlings</h2>
              {hatchlings.length ? (
                <HatchlingList hatchlings={hatchlings} />
              ) : hatchlingsQuery.isLoading ? (
                <div aria-busy="true" aria-label="Loading hatchlings" className="flex flex-col gap-2">
                  <Skeleton className="h-14" />
                  <Skeleton className="h-14" />
                </div>
              ) : hatchlingsQuery.error ? (
                <ErrorState {...explain(hatchlingsQuery.error)} />
              ) : (
                <p className="text-sm text-stone-600 dark:text-stone-400">
                  {clutch.hatched_count} hatched; they have since left the collection or are not shared with you.
                </p>
              )}
            </Card>
          ) : null}
        </div>

        <ClutchFacts clutch={clutch} canEdit={canEdit} onEdit={() => setEditing(true)} />
      </div>

      {canEdit ? (
        <>
          <EditClutchDialog clutch={clutch} open={editing} onClose={() => setEditing(false)} />
          <FailClutchDialog clutch={clutch} open={failing} onClose={() => setFailing(false)} />
        </>
      ) : null}
    </>
  );
}

function ClutchFacts({ clutch, canEdit, onEdit }: { clutch: Clutch; canEdit: boolean; onEdit: () => void }) {
  return (
    <Card className="flex flex-col gap-4 self-start">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold">Eggs</h2>
        {canEdit ? (
          <Button variant="secondary" size="sm" icon={<Pencil aria-hidden="true" size={15} />} onClick={onEdit}>
            Edit
          </Button>
        ) : null}
      </div>
      <dl className="grid grid-cols-3 gap-3">
        <Fact label="Total">{clutch.eggs_total}</Fact>
        <Fact label="Fertile">{clutch.eggs_fertile}</Fact>
        <Fact label="Infertile">{clutch.eggs_infertile}</Fact>
        <Fact label="Hatched">{clutch.hatched_count}</Fact>
        <Fact label="Temperature">{clutch.incubation_temp_c !== null ? `${clutch.incubation_temp_c} °C` : "–"}</Fact>
        <Fact label="Humidity">{clutch.incubation_humidity_pct !== null ? `${clutch.incubation_humidity_pct} %` : "–"}</Fact>
        <Fact label="Laid">{formatDate(clutch.laid_date)}</Fact>
        <Fact label="Expected">{clutch.expected_hatch_date ? formatDate(clutch.expected_hatch_date) : "–"}</Fact>
        <Fact label="Hatched on">{clutch.hatch_date ? formatDate(clutch.hatch_date) : "–"}</Fact>
      </dl>
      {clutch.notes ? <p className="whitespace-pre-line text-sm">{clutch.notes}</p> : null}
    </Card>
  );
}

function FailClutchDialog({ clutch, open, onClose }: { clutch: Clutch; open: boolean; onClose: () => void }) {
  const fail = useFailClutch(clutch);
  async function confirm() {
    try {
      await fail.mutateAsync();
      notifySuccess("Clutch marked failed");
    } catch (error) {
      notifyError(error);
    }
    onClose();
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Mark this clutch failed?"
      description="Use this when no egg will hatch (they went bad or stopped developing). It counts against the hatch rate and cannot be undone."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep incubating
          </Button>
          <Button variant="danger" busy={fail.isPending} onClick={() => void confirm()}>
            Mark failed
          </Button>
        </>
      }
    />
  );
}
