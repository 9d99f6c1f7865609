import { Card, ErrorState, Skeleton } from "@reptidex/ui";

import { explain } from "../../../lib/problems";
import type { BreedingStats } from "../queries";

/** "57 %", or a dash when there is nothing to divide yet. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${Math.round(rate * 100)} %`;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl bg-stone-50 p-3 dark:bg-stone-800/60">
      <dt className="text-xs font-medium text-stone-600 dark:text-stone-400">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-stone-600 dark:text-stone-400">{hint}</dd> : null}
    </div>
  );
}

/** Hatch-rate statistics of the season (or all seasons): totals, per species, per pairing. */
export function BreedingStatsCard({
  stats,
  isLoading,
  error,
  seasonLabel,
}: {
  stats: BreedingStats | undefined;
  isLoading: boolean;
  error: unknown;
  seasonLabel: string;
}) {
  if (error) {
    const { title, message, next } = explain(error);
    return <ErrorState title={title} message={message} next={next} />;
  }
  if (isLoading || !stats) {
    return (
      <Card>
        <div aria-busy="true" aria-label="Loading statistics" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-20" />
          ))}
        </div>
      </Card>
    );
  }
  const totals = stats.totals;
  if (!totals.clutches) {
    return (
      <Card>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          No clutches recorded for {seasonLabel.toLowerCase()} yet. Hatch rates appear here once eggs are laid.
        </p>
      </Card>
    );
  }
  return (
    <Card className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure
          label="Clutches"
          value={String(totals.clutches)}
          hint={`${totals.clutches_incubating} incubating · ${totals.clutches_hatched} hatched · ${totals.clutches_failed} failed`}
        />
        <Figure label="Eggs" value={String(totals.eggs_total)} hint={`${totals.eggs_fertile} fertile · ${totals.eggs_infertile} infertile`} />
        <Figure label="Fertility" value={percent(totals.fertility_rate)} hint="fertile of all eggs" />
        <Figure label="Hatch rate" value={percent(totals.hatch_rate)} hint={`${totals.hatched} hatched of fertile eggs in finished clutches`} />
      </dl>
      {stats.species.length > 1 ? (
        <FiguresTable
          caption="By species"
          rows={stats.species.map((row) => ({ key: row.species_id, name: row.common_name, ...row }))}
        />
      ) : null}
      {stats.pairings.length ? (
        <FiguresTable
          caption="By pairing"
          rows={stats.pairings.map((row) => ({
            key: row.pairing_id ?? `${row.sire_display_id}-${row.dam_display_id}`,
            name: `${row.sire_display_id ?? "?"} × ${row.dam_display_id ?? "?"}${row.season ? ` (${row.season})` : ""}`,
            ...row,
          }))}
        />
      ) : null}
    </Card>
  );
}

interface Row {
  key: string;
  name: string;
  clutches: number;
  eggs_total: number;
  hatched: number;
  fertility_rate: number | null;
  hatch_rate: number | null;
}

function FiguresTable({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-sm font-semibold">{caption}</caption>
        <thead className="text-xs text-stone-600 dark:text-stone-400">
          <tr className="border-b border-stone-200 dark:border-stone-800">
            <th scope="col" className="py-2 pr-3 font-medium">
              {caption === "By species" ? "Species" : "Pairing"}
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              <span className="sm:hidden" aria-hidden="true">Cl.</span>
              <span className="max-sm:sr-only">Clutches</span>
            </th>
            <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Eggs</th>
            <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Hatched</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">Fertility</th>
            <th scope="col" className="py-2 text-right font-medium">Hatch rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-stone-100 last:border-0 dark:border-stone-800/60">
              <th scope="row" className="py-2 pr-3 font-medium">{row.name}</th>
              <td className="py-2 pr-3 text-right tabular-nums">{row.clutches}</td>
              <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{row.eggs_total}</td>
              <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{row.hatched}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{percent(row.fertility_rate)}</td>
              <td className="py-2 text-right tabular-nums">{percent(row.hatch_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
