import { unwrap, type AnimalSchemas } from "@reptidex/api-client";
import { Badge, Button, Card, Skeleton, TextField } from "@reptidex/ui";
import { useMutation } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { api } from "../../api";
import { FormProblem } from "../../auth/AuthLayout";
import { AnimalPicker, type PickedAnimal } from "../../components/AnimalPicker";
import { notifySuccess } from "../../lib/notify";
import { explain } from "../../lib/problems";
import { animalLabel, type Animal } from "../../queries/animals";
import { FIELD_LABELS } from "./animalForm";
import { SexMark } from "./CollectionList";
import { formFailure } from "./formFailure";
import { formatDate } from "./labels";
import { useAnimalChanged, useOffspring, useSiblings } from "./queries";
import { STATUS_LABEL, STATUS_TONE } from "../parentLinks/ParentLinksPage";
import { animalIdIn, linkedLabel, useParentLinkAction, useParentLinksOf, type ParentLink } from "../parentLinks/queries";

type Role = "sire" | "dam";
type Relative = AnimalSchemas["Sibling"] | AnimalSchemas["PrivateSibling"] | AnimalSchemas["DescendantNode"] | AnimalSchemas["PrivateDescendant"];

const ROLE = {
  sire: { title: "Sire", sex: "male", field: "sire_id", who: "father" },
  dam: { title: "Dam", sex: "female", field: "dam_id", who: "mother" },
} as const;

function CurrentParent({ parent }: { parent: Animal["sire"] }) {
  if (!parent) return <p className="text-sm text-stone-600 dark:text-stone-400">Not recorded.</p>;
  if ("private" in parent && parent.private) {
    return (
      <p className="flex items-center gap-2 text-sm">
        <Lock aria-hidden="true" size={16} />
        Private ancestor: recorded, but its owner does not share it with you.
      </p>
    );
  }
  const ref = parent as AnimalSchemas["ParentRef"];
  return (
    <Link to={`/animals/${ref.id}`} className="font-semibold text-teal-800 underline-offset-2 hover:underline dark:text-teal-300">
      {animalLabel(ref)}
    </Link>
  );
}

function isLinkedTo(parent: Animal["sire"], parentId: string): boolean {
  return Boolean(parent && "id" in parent && parent.id === parentId);
}

/** One parent: who it is, and (for editors) choosing another or removing it. */
function ParentSlot({ animal, parent, canEdit }: { animal: Animal; parent: Role; canEdit: boolean }) {
  const { title, sex, field, who } = ROLE[parent];
  const changed = useAnimalChanged();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<PickedAnimal | null>(null);
  // Another breeder's animal, by its id or public profile link: asked for, not linked.
  const [elsewhere, setElsewhere] = useState(false);
  const [pasted, setPasted] = useState("");
  const current = animal[parent];

  const save = useMutation({
    mutationFn: (parentId: string | null) =>
      unwrap(
        api.animal.PATCH("/api/v1/animals/{animal_id}", {
          params: { path: { animal_id: animal.id } },
          body: { [field]: parentId },
        }),
      ),
    onSuccess: (saved, parentId) => {
      changed(saved, { lineage: true });
      setPicking(false);
      setPicked(null);
      setElsewhere(false);
      setPasted("");
      notifySuccess(
        !parentId
          ? `${title} removed.`
          : isLinkedTo(saved[parent], parentId)
            ? `${title} of ${saved.display_id} saved. The COI is being recalculated.`
            : `Request sent: that animal belongs to another vivarium, so its owner must approve before it is recorded as the ${title.toLowerCase()}.`,
      );
    },
  });
  const failure = formFailure(save.error, FIELD_LABELS, [field]);
  // A refusal about the parent shows under the picker, right here; anything else on top.
  const summary = failure.fields[field] ? null : failure.summary;

  function cancel() {
    setPicking(false);
    setPicked(null);
    setElsewhere(false);
    setPasted("");
    save.reset();
  }
  const pastedId = animalIdIn(pasted);

  return (
    <Card className="flex flex-col gap-3">
      <h3 className="font-semibold">{title}</h3>
      <CurrentParent parent={current} />
      {canEdit && picking ? (
        <div className="flex flex-col gap-3">
          <FormProblem summary={summary} />
          {elsewhere ? (
            <TextField
              label={`${title} from another vivarium`}
              name={`${parent}-elsewhere`}
              value={pasted}
              onChange={(event) => {
                setPasted(event.target.value);
                save.reset();
              }}
              hint="Paste the animal's public profile link or its ID. Its owner is asked to approve; until then it is not linked."
              error={failure.fields[field] ?? (pasted && !pastedId ? "That is not an animal link or ID." : undefined)}
            />
          ) : (
          <AnimalPicker
            label={`New ${title.toLowerCase()}`}
            name={parent}
            // A parent may have died since: lineage records it all the same.
            includeDeceased
            vivariumId={animal.vivarium_id}
            value={picked}
            onChange={(next) => {
              setPicked(next);
              save.reset();
            }}
            sex={sex}
            orUnsexed
            speciesId={animal.species_id}
            excludeId={animal.id}
            hint={`The ${who}: a ${sex} (or not yet sexed) animal of the same species, older than ${animal.display_id}.`}
            error={failure.fields[field]}
          />
          )}
          <div className="flex flex-wrap gap-2">
            {elsewhere ? (
              <Button disabled={!pastedId} busy={save.isPending} onClick={() => pastedId && save.mutate(pastedId)}>
                Ask its owner
              </Button>
            ) : (
              <Button disabled={!picked} busy={save.isPending} onClick={() => picked && save.mutate(picked.id)}>
                Save {title.toLowerCase()}
              </Button>
            )}
            <Button
              variant="ghost"
              onClick={() => {
                setElsewhere(!elsewhere);
                save.reset();
              }}
            >
              {elsewhere ? "Choose from this vivarium" : "Another breeder's animal"}
            </Button>
            <Button variant="ghost" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : canEdit ? (
        <div className="flex flex-col gap-2">
          {save.isError ? <FormProblem summary={failure.summary} /> : null}
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                save.reset();
                setPicking(true);
              }}
            >
              {current ? `Change ${title.toLowerCase()}` : `Choose ${title.toLowerCase()}`}
            </Button>
            {current ? (
              <Button variant="ghost" size="sm" busy={save.isPending} onClick={() => save.mutate(null)}>
                Remove {title.toLowerCase()}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </Card>
  );
}

function RelativeChip({ relative }: { relative: Relative }) {
  if (relative.private) {
    return (
      <li className="inline-flex items-center gap-1 rounded-full bg-stone-100 px-3 py-1 text-sm text-stone-700 dark:bg-stone-800 dark:text-stone-300">
        <Lock aria-hidden="true" size={14} />
        {relative.label}
      </li>
    );
  }
  const label = animalLabel(relative);
  return (
    <li className="inline-flex items-center gap-1 rounded-full border border-stone-200 px-3 py-1 text-sm dark:border-stone-700">
      <SexMark sex={relative.sex} />
      {relative.access === "full" ? (
        <Link to={`/animals/${relative.id}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      )}
      {relative.hatch_date ? <span className="text-xs text-stone-600 dark:text-stone-400">{formatDate(relative.hatch_date)}</span> : null}
    </li>
  );
}

const SHOW_AT_MOST = 40;

function RelativeList({ title, items, truncated, empty }: { title: string; items: Relative[]; truncated: boolean; empty: string }) {
  const shown = items.slice(0, SHOW_AT_MOST);
  const more = items.length - shown.length;
  return (
    <div>
      <h4 className="mb-2 text-sm font-semibold">
        {title} <span className="font-normal text-stone-600 dark:text-stone-400">({items.length}{truncated ? "+" : ""})</span>
      </h4>
      {items.length ? (
        <ul className="flex flex-wrap gap-2">
          {shown.map((relative, index) => (
            <RelativeChip key={relative.private ? `private-${index}` : relative.id} relative={relative} />
          ))}
          {more > 0 ? <li className="self-center text-sm text-stone-600 dark:text-stone-400">and {more} more</li> : null}
        </ul>
      ) : (
        <p className="text-sm text-stone-600 dark:text-stone-400">{empty}</p>
      )}
    </div>
  );
}

function Relatives({ animal }: { animal: Animal }) {
  const hasParents = Boolean(animal.sire || animal.dam);
  const offspring = useOffspring(animal.id);
  const siblings = useSiblings(animal.id, hasParents);
  const loading = offspring.isPending || (hasParents && siblings.isPending);
  const error = offspring.error ?? siblings.error;
  const siblingItems = siblings.data?.items ?? [];
  return (
    <Card className="flex flex-col gap-4">
      <h3 className="font-semibold">Relatives</h3>
      {loading ? (
        <div aria-busy="true" aria-label="Loading relatives">
          <Skeleton className="h-16" />
        </div>
      ) : error ? (
        <p className="text-sm">{explain(error).message}</p>
      ) : (
        <>
          <RelativeList
            title="Offspring"
            items={offspring.data?.items ?? []}
            truncated={offspring.data?.truncated ?? false}
            empty="No offspring recorded."
          />
          <RelativeList
            title="Full siblings"
            items={siblingItems.filter((sibling) => sibling.kind === "full")}
            truncated={siblings.data?.truncated ?? false}
            empty={hasParents ? "None recorded." : "Record a parent to see siblings."}
          />
          {hasParents ? (
            <RelativeList
              title="Half siblings"
              items={siblingItems.filter((sibling) => sibling.kind === "half")}
              truncated={siblings.data?.truncated ?? false}
              empty="None recorded."
            />
          ) : null}
        </>
      )}
    </Card>
  );
}

/** Parents asked for from other vivariums, and links their owners' corrections suspended. */
function OpenParentLinks({ animal, canEdit }: { animal: Animal; canEdit: boolean }) {
  const links = useParentLinksOf(animal.id);
  const action = useParentLinkAction();
  const items = links.data ?? [];
  if (!items.length) return null;

  function remove(link: ParentLink) {
    action.mutate(
      { link, action: "cancel" },
      { onSuccess: () => notifySuccess(link.status === "suspended" ? "Suspended link removed." : "Request canceled.") },
    );
  }

  return (
    <Card className="flex flex-col gap-3">
      <h3 className="font-semibold">Parents from other vivariums</h3>
      {action.isError ? <FormProblem summary={explain(action.error)} /> : null}
      <ul className="flex flex-col gap-3" aria-label="Parents from other vivariums">
        {items.map((link) => (
          <li key={link.id} aria-label={`${link.role}: ${STATUS_LABEL[link.status]}`} className="flex flex-col gap-1">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={STATUS_TONE[link.status]}>{STATUS_LABEL[link.status]}</Badge>
              <span>
                {ROLE[link.role].title}: {linkedLabel(link.parent)}
                {"private" in link.parent ? null : ` (${link.parent.vivarium_name})`}
              </span>
            </p>
            <p className="text-sm text-stone-600 dark:text-stone-400">
              {link.status === "pending"
                ? "Asked for: its owner must approve before it is linked. Until then the pedigree and COI leave it out."
                : link.reason}
            </p>
            {canEdit ? (
              <div>
                <Button
                  variant="ghost"
                  size="sm"
                  busy={action.isPending && action.variables?.link.id === link.id}
                  onClick={() => remove(link)}
                >
                  {link.status === "suspended" ? "Remove link" : "Cancel request"}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function LineageEditor({ animal, canEdit }: { animal: Animal; canEdit: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Parents must be of the same species, a sire male (or unknown) and a dam female (or unknown), both older than{" "}
        {animal.display_id}; no animal can be its own ancestor.{" "}
        <Link to={`/animals/${animal.id}/pedigree`} className="font-medium text-teal-800 underline dark:text-teal-300">
          See the whole pedigree
        </Link>
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ParentSlot animal={animal} parent="sire" canEdit={canEdit} />
        <ParentSlot animal={animal} parent="dam" canEdit={canEdit} />
      </div>
      <OpenParentLinks animal={animal} canEdit={canEdit} />
      <Relatives animal={animal} />
    </div>
  );
}
