import { Skeleton } from "@reptidex/ui";
import { Link, useParams, useSearchParams } from "react-router";

import { RetryError } from "../../components/RetryError";
import { useAnimal } from "../../queries/animals";
import { useSpeciesById } from "../../queries/catalogue";
import { useCanIn } from "../../vivarium/useCan";
import { AnimalHeader, PhotosPanel } from "./AnimalHeader";
import { GenotypeEditor } from "./GenotypeEditor";
import { HusbandrySection } from "./HusbandrySection";
import { LineageEditor } from "./LineageEditor";
import { OverviewSection } from "./OverviewSection";
import { Tabs } from "./Tabs";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "genotype", label: "Genotype" },
  { id: "husbandry", label: "Husbandry" },
  { id: "lineage", label: "Lineage" },
] as const;
type TabId = (typeof TABS)[number]["id"];

function isTab(value: string | null): value is TabId {
  return TABS.some((tab) => tab.id === value);
}

function AnimalSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the animal" className="flex flex-col gap-4">
      <Skeleton className="h-5 w-24" />
      <Skeleton className="h-9 w-2/3" />
      <Skeleton className="h-5 w-1/2" />
      <Skeleton className="h-16" />
      <Skeleton className="h-64" />
    </div>
  );
}

export default function AnimalPage() {
  const { animalId } = useParams();
  const [params, setParams] = useSearchParams();
  const animal = useAnimal(animalId);
  const speciesById = useSpeciesById();
  const vivariumId = animal.data?.vivarium_id;
  const mayEdit = useCanIn(vivariumId, "edit");
  const canCurate = useCanIn(vivariumId, "curate");
  const requested = params.get("tab");
  const tab: TabId = isTab(requested) ? requested : "overview";

  if (animal.isPending) return <AnimalSkeleton />;
  if (animal.isError) {
    return (
      <RetryError error={animal.error} onRetry={() => animal.refetch()}>
        <Link to="/animals" className="inline-flex min-h-11 items-center px-2 text-sm font-medium underline">
          Back to the collection
        </Link>
      </RetryError>
    );
  }

  const record = animal.data;
  // An archived record is read-only until a curator restores it.
  const canEdit = mayEdit && !record.archived_at;
  const species = speciesById.get(record.species_id);

  return (
    <>
      <AnimalHeader animal={record} species={species} />
      {record.archived_at ? (
        <p className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100">
          This animal is archived: its record is read-only.{" "}
          {canCurate ? "Restore it under Overview to change it again." : "A curator can restore it."}
        </p>
      ) : null}
      {!mayEdit ? (
        <p className="mb-4 text-sm text-stone-600 dark:text-stone-400">
          You can view this animal; your role does not allow changing it.
        </p>
      ) : null}
      <div className="mb-4">
        <PhotosPanel />
      </div>
      <Tabs
        label={`About ${record.display_id}`}
        tabs={TABS}
        value={tab}
        onChange={(next) =>
          setParams(
            (previous) => {
              const updated = new URLSearchParams(previous);
              if (next === "overview") updated.delete("tab");
              else updated.set("tab", next);
              return updated;
            },
            { replace: true },
          )
        }
      >
        {tab === "overview" ? (
          <OverviewSection animal={record} species={species} canEdit={canEdit} canCurate={canCurate} />
        ) : tab === "genotype" ? (
          <GenotypeEditor key={record.id} animal={record} canEdit={canEdit} />
        ) : tab === "husbandry" ? (
          <HusbandrySection key={record.id} animal={record} canEdit={canEdit} />
        ) : (
          <LineageEditor key={record.id} animal={record} canEdit={canEdit} />
        )}
      </Tabs>
    </>
  );
}
