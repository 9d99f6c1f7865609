import { Button, buttonClass, EmptyState, ErrorState, PageHeader } from "@reptidex/ui";
import { Plus } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { RetryError } from "../../components/RetryError";
import { explain } from "../../lib/problems";
import { useSpeciesById } from "../../queries/catalogue";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { CollectionFilterBar } from "./CollectionFilterBar";
import { CollectionList, CollectionSkeleton } from "./CollectionList";
import { filtersFromParams, filtersToParams, isFiltered, type CollectionFilters } from "./filters";
import { LoadMore } from "./LoadMore";
import { useCollection } from "./queries";
import { useDebouncedValue } from "./useDebouncedValue";

function NewAnimalLink() {
  return (
    <Link
      to="/animals/new"
      className={buttonClass()}
    >
      <Plus aria-hidden="true" size={18} />
      New animal
    </Link>
  );
}

export default function AnimalsPage() {
  const { vivariumId, current } = useVivarium();
  const canEdit = useCan("edit");
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [search, setSearch] = useState(filters.q);
  const settledSearch = useDebouncedValue(search, 300);

  // The search box writes to the URL once typing pauses; replace, so Back leaves the page
  // instead of stepping through every letter. `written` is the q this page last put there,
  // so a q that arrives from elsewhere (Back, a link) can be told apart and shown in the box.
  const written = useRef(filters.q);
  useEffect(() => {
    const wanted = settledSearch.trim();
    if (wanted === written.current) return;
    written.current = wanted;
    setParams((previous) => filtersToParams({ ...filtersFromParams(previous), q: wanted }, previous), {
      replace: true,
    });
  }, [settledSearch, setParams]);
  useEffect(() => {
    if (filters.q === written.current) return;
    written.current = filters.q;
    setSearch(filters.q);
  }, [filters.q]);

  function changeFilters(next: CollectionFilters) {
    setParams((previous) => filtersToParams(next, previous));
  }

  const speciesById = useSpeciesById();
  const collection = useCollection(vivariumId, filters);
  const animals = useMemo(() => collection.data?.pages.flatMap((page) => page.items) ?? [], [collection.data]);
  const filtered = isFiltered(filters);

  let body;
  if (collection.isPending) {
    body = <CollectionSkeleton />;
  } else if (collection.isError && !animals.length) {
    body = <RetryError error={collection.error} onRetry={() => collection.refetch()} />;
  } else if (!animals.length) {
    body = filtered ? (
      <EmptyState
        title="No animal matches"
        action={
          <Button
            variant="secondary"
            onClick={() => {
              setSearch("");
              setParams(new URLSearchParams());
            }}
          >
            Clear search and filters
          </Button>
        }
      >
        Nothing in {current?.vivarium_name ?? "this vivarium"} fits this search and these filters. Try fewer filters or
        another word.
      </EmptyState>
    ) : (
      <EmptyState title="No animals yet" action={canEdit ? <NewAnimalLink /> : null}>
        {canEdit
          ? "Add your first animal: its id is numbered for you, and parents, genotype and weights can follow."
          : "When a handler or curator adds animals to this vivarium, they appear here."}
      </EmptyState>
    );
  } else {
    const more = collection.hasNextPage;
    body = (
      <>
        <p role="status" className="mb-2 text-sm text-stone-600 dark:text-stone-400">
          {more
            ? `Showing the first ${animals.length} animals${filtered ? " that match" : ""}; more load as you scroll.`
            : `${animals.length} animal${animals.length === 1 ? "" : "s"}${filtered ? " match" : ""}.`}
        </p>
        <CollectionList animals={animals} speciesById={speciesById} stale={collection.isPlaceholderData} />
        <LoadMore
          hasMore={more}
          loading={collection.isFetchingNextPage}
          onLoad={() => void collection.fetchNextPage()}
          label="Load more animals"
        />
        {collection.isFetchNextPageError ? (
          <ErrorState
            title={explain(collection.error).title}
            message={explain(collection.error).message}
            next="Scroll down again or press Load more to retry."
          />
        ) : null}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Collection"
        subtitle={current ? `Animals of ${current.vivarium_name}` : undefined}
        actions={canEdit ? <NewAnimalLink /> : null}
      />
      <CollectionFilterBar
        filters={filters}
        search={search}
        onSearch={setSearch}
        onChange={changeFilters}
      />
      {body}
    </>
  );
}
