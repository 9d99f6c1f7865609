import { Button, EmptyState, ErrorState, PageHeader, SelectField, Skeleton } from "@reptidex/ui";
import { Plus } from "lucide-react";
import { useSearchParams } from "react-router";

import { explain } from "../../lib/problems";
import { useSpeciesById } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { BreedingStatsCard } from "./components/BreedingStatsCard";
import { ClutchCard } from "./components/ClutchCard";
import { NewPairingDialog } from "./components/NewPairingDialog";
import { PairingList } from "./components/PairingList";
import { localToday } from "./dates";
import { countdown } from "./incubation";
import { PAIRING_STATUSES, seasonChoices, STATUS_LABEL, type PairingStatus } from "./pairingStatus";
import { useBreedingStats, useClutches, usePairings } from "./queries";

/** Filters live in the address, so a filtered list can be bookmarked and survives a reload. */
function useFilters(thisYear: number) {
  const [params, setParams] = useSearchParams();
  const seasonParam = params.get("season");
  const season = seasonParam === "all" ? null : Number(seasonParam) || thisYear;
  const statusParam = params.get("status");
  const status = PAIRING_STATUSES.includes(statusParam as PairingStatus) ? (statusParam as PairingStatus) : null;
  function update(changes: Record<string, string | null>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  }
  return { params, season, status, update };
}

export default function BreedingPage() {
  const { vivariumId, current } = useVivarium();
  const canEdit = useCan("edit");
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  const { params, season, status, update } = useFilters(thisYear);
  const speciesById = useSpeciesById();
  const speciesName = (id: string) => speciesById.get(id)?.common_name;

  const pairings = usePairings(vivariumId, { season, status });
  const incubating = useClutches(vivariumId, "incubating");
  const stats = useBreedingStats(vivariumId, season);

  // The genetics calculator links here with ?sire=&dam= to start a pairing of those two.
  const linkedSire = params.get("sire");
  const linkedDam = params.get("dam");
  const dialogOpen = params.get("new") === "1" || Boolean(linkedSire || linkedDam);
  const closeDialog = () => update({ new: null, sire: null, dam: null });

  const seasonLabel = season ? `Season ${season}` : "All seasons";
  const clutches = [...(incubating.data ?? [])].sort(
    (a, b) => (countdown(a, today).daysLeft ?? 9999) - (countdown(b, today).daysLeft ?? 9999),
  );
  const pairingItems = pairings.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Breeding"
        subtitle={current ? `Pairings, clutches and hatch rates of ${current.vivarium_name}` : undefined}
        actions={
          canEdit ? (
            <Button icon={<Plus aria-hidden="true" size={18} />} onClick={() => update({ new: "1" })}>
              New pairing
            </Button>
          ) : null
        }
      />

      <div className="flex flex-col gap-8">
        <section aria-labelledby="incubating-heading" className="flex flex-col gap-3">
          <h2 id="incubating-heading" className="text-lg font-semibold">
            In the incubator
          </h2>
          {incubating.error ? (
            <ErrorState {...explain(incubating.error)} />
          ) : incubating.isLoading ? (
            <div aria-busy="true" aria-label="Loading clutches" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <Skeleton className="h-36" />
              <Skeleton className="h-36" />
            </div>
          ) : clutches.length ? (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {clutches.map((clutch) => (
                <ClutchCard key={clutch.id} clutch={clutch} today={today} speciesName={speciesName(clutch.species_id)} />
              ))}
            </div>
          ) : (
            <p className="rounded-2xl border border-dashed border-stone-300 px-4 py-5 text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
              No clutch is incubating. Record one from its pairing when the eggs are laid.
            </p>
          )}
        </section>

        <section aria-labelledby="pairings-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="pairings-heading" className="text-lg font-semibold">
              Pairings
            </h2>
            <div className="grid w-full grid-cols-2 gap-2 sm:w-auto">
              <SelectField
                label="Season"
                value={season === null ? "all" : String(season)}
                onChange={(event) => update({ season: event.target.value === String(thisYear) ? null : event.target.value })}
              >
                {seasonChoices(thisYear).map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
                <option value="all">All seasons</option>
              </SelectField>
              <SelectField label="Status" value={status ?? ""} onChange={(event) => update({ status: event.target.value || null })}>
                <option value="">Any status</option>
                {PAIRING_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {STATUS_LABEL[value]}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          {pairings.error ? (
            <ErrorState {...explain(pairings.error)} />
          ) : pairings.isLoading ? (
            <div aria-busy="true" aria-label="Loading pairings" className="flex flex-col gap-2">
              {Array.from({ length: 4 }, (_, index) => (
                <Skeleton key={index} className="h-16" />
              ))}
            </div>
          ) : pairingItems.length ? (
            <>
              <PairingList pairings={pairingItems} speciesName={speciesName} />
              {pairings.hasNextPage ? (
                <Button variant="secondary" className="self-center" busy={pairings.isFetchingNextPage} onClick={() => void pairings.fetchNextPage()}>
                  Load more pairings
                </Button>
              ) : null}
            </>
          ) : (
            <EmptyState
              title={status || season !== thisYear ? "No pairing matches these filters" : `No pairings for ${thisYear} yet`}
              action={
                status || season !== thisYear ? (
                  <Button variant="secondary" onClick={() => update({ season: "all", status: null })}>
                    Show all pairings
                  </Button>
                ) : canEdit ? (
                  <Button icon={<Plus aria-hidden="true" size={18} />} onClick={() => update({ new: "1" })}>
                    Plan a pairing
                  </Button>
                ) : null
              }
            >
              {canEdit
                ? "Plan who goes with whom this season; record locks, ovulation and clutches as they happen."
                : "Pairings recorded in this vivarium appear here."}
            </EmptyState>
          )}
        </section>

        <section aria-labelledby="stats-heading" className="flex flex-col gap-3">
          <h2 id="stats-heading" className="text-lg font-semibold">
            Hatch rates · {seasonLabel}
          </h2>
          <BreedingStatsCard stats={stats.data} isLoading={stats.isLoading} error={stats.error} seasonLabel={seasonLabel} />
        </section>
      </div>

      {canEdit && vivariumId ? (
        <NewPairingDialog open={dialogOpen} onClose={closeDialog} vivariumId={vivariumId} sireId={linkedSire} damId={linkedDam} />
      ) : null}
    </>
  );
}
