"""Pedigree, descendants and siblings, with the privacy rule of `visibility`."""

from __future__ import annotations

import uuid
from collections import deque

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage import pedigree as pedigree_flat
from repti_animal.lineage import repository
from repti_animal.lineage.pedigree_schemas import PedigreeRead
from repti_animal.lineage.repository import GenotypeRow, LineageRow
from repti_animal.lineage.schemas import (
    DescendantNode,
    DescendantsRead,
    PrivateDescendant,
    PrivateSibling,
    SharedParent,
    Sibling,
    SiblingKind,
    SiblingsRead,
)
from repti_animal.lineage.summaries import summary_fields
from repti_animal.lineage.visibility import Viewer
from reptidex_common.models.animal import Animal

PRIVATE_DESCENDANT = "private descendant"
PRIVATE_SIBLING = "private sibling"
# Upper bounds on what one answer may hold (a prolific sire can have thousands of offspring).
MAX_DESCENDANT_ROWS = 5000
MAX_SIBLINGS = 2000


def _sees(viewer: Viewer, row: LineageRow, root: uuid.UUID) -> bool:
    # The animal asked about was authorized by the caller of this module.
    return row.id == root or viewer.may_see(row.vivarium_id, row.visibility)


async def pedigree(
    session: AsyncSession, animal_id: uuid.UUID, viewer: Viewer, generations: int
) -> PedigreeRead:
    """The animal and its ancestors up to `generations`, flat: each shown animal once.

    A private ancestor the caller may not see is a placeholder and nothing behind it is shown.
    """
    rows = await repository.ancestors(session, [animal_id], generations)
    shown = _shown(rows, animal_id, viewer, generations)
    # Genotypes of the shown animals only, in one query.
    genotypes = await repository.genotypes(session, shown)
    return pedigree_of(rows, animal_id, viewer, generations, genotypes, shown)


def _shown(
    rows: dict[uuid.UUID, LineageRow], animal_id: uuid.UUID, viewer: Viewer, generations: int
) -> dict[uuid.UUID, int]:
    return pedigree_flat.shown_generations(
        rows, animal_id, generations, lambda row: _sees(viewer, row, animal_id)
    )


def pedigree_of(
    rows: dict[uuid.UUID, LineageRow],
    animal_id: uuid.UUID,
    viewer: Viewer,
    generations: int,
    genotypes: dict[uuid.UUID, list[GenotypeRow]],
    shown: dict[uuid.UUID, int] | None = None,
) -> PedigreeRead:
    """`pedigree` from the walked rows and (at least) the shown animals' genotypes."""
    if shown is None:
        shown = _shown(rows, animal_id, viewer, generations)
    return pedigree_flat.build(rows, animal_id, generations, shown, viewer, genotypes)


async def descendants(
    session: AsyncSession, animal_id: uuid.UUID, viewer: Viewer, generations: int
) -> DescendantsRead:
    """A flat list (offspring form a web, not a tree, in closed lines), generation by generation.

    Walked breadth first through visible animals only: a private descendant is a placeholder
    and its offspring are listed only when another, visible parent leads to them.
    """
    rows, truncated = await repository.descendants(
        session, animal_id, generations, MAX_DESCENDANT_ROWS
    )
    children: dict[uuid.UUID, list[LineageRow]] = {}
    for row in rows.values():
        for parent in {row.sire_id, row.dam_id} - {None}:
            assert parent is not None
            children.setdefault(parent, []).append(row)
    for litter in children.values():
        litter.sort(key=lambda r: (r.hatch_date is None, r.hatch_date, r.display_id, r.id))

    generation_of: dict[uuid.UUID, int] = {animal_id: 0}
    order: list[uuid.UUID] = []
    queue = deque([animal_id])
    while queue:
        current = queue.popleft()
        for child in children.get(current, ()):
            if child.id in generation_of:
                continue
            generation_of[child.id] = generation_of[current] + 1
            order.append(child.id)
            if _sees(viewer, child, animal_id) and generation_of[child.id] < generations:
                queue.append(child.id)

    visible = [i for i in order if _sees(viewer, rows[i], animal_id)]
    genotypes = await repository.genotypes(session, visible)
    parent_ids = {p for i in visible for p in (rows[i].sire_id, rows[i].dam_id) if p is not None}
    parents_seen = await _parents_visible(session, viewer, parent_ids, rows, animal_id)

    items: list[DescendantNode | PrivateDescendant] = []
    for descendant_id in order:
        row = rows[descendant_id]
        generation = generation_of[descendant_id]
        if not _sees(viewer, row, animal_id):
            items.append(PrivateDescendant(label=PRIVATE_DESCENDANT, generation=generation))
            continue
        sire_seen = row.sire_id is not None and parents_seen[row.sire_id]
        dam_seen = row.dam_id is not None and parents_seen[row.dam_id]
        items.append(
            DescendantNode(
                **summary_fields(row, viewer, genotypes),
                generation=generation,
                sire_id=row.sire_id if sire_seen else None,
                dam_id=row.dam_id if dam_seen else None,
                sire_private=row.sire_id is not None and not sire_seen,
                dam_private=row.dam_id is not None and not dam_seen,
            )
        )
    return DescendantsRead(
        animal_id=animal_id, generations=generations, truncated=truncated, items=items
    )


async def _parents_visible(
    session: AsyncSession,
    viewer: Viewer,
    parent_ids: set[uuid.UUID],
    rows: dict[uuid.UUID, LineageRow],
    root: uuid.UUID,
) -> dict[uuid.UUID, bool]:
    """Whether the caller may see each parent; mates from outside the walk are read at once."""
    seen = {p: _sees(viewer, rows[p], root) for p in parent_ids if p in rows}
    outside = parent_ids - seen.keys()
    for parent_id, (vivarium_id, visibility) in (
        await repository.visibility_of(session, outside)
    ).items():
        seen[parent_id] = viewer.may_see(vivarium_id, visibility)
    return seen


def _kinship(
    sire_id: uuid.UUID | None, dam_id: uuid.UUID | None, row: LineageRow
) -> tuple[SiblingKind, SharedParent]:
    same_sire = sire_id is not None and row.sire_id == sire_id
    same_dam = dam_id is not None and row.dam_id == dam_id
    if same_sire and same_dam:
        return SiblingKind.full, SharedParent.both
    return SiblingKind.half, SharedParent.sire if same_sire else SharedParent.dam


async def siblings(session: AsyncSession, animal: Animal, viewer: Viewer) -> SiblingsRead:
    """Full siblings (same sire and dam) first, then half siblings.

    Only through parents the caller may see: a private parent's other offspring stand behind
    it, as in a pedigree, and that a sibling shares it is not shown either.
    """
    parents = await repository.visibility_of(
        session, [p for p in (animal.sire_id, animal.dam_id) if p is not None]
    )
    walkable = {p for p, (vivarium_id, vis) in parents.items() if viewer.may_see(vivarium_id, vis)}
    sire_id = animal.sire_id if animal.sire_id in walkable else None
    dam_id = animal.dam_id if animal.dam_id in walkable else None
    rows = await repository.siblings(session, animal.id, sire_id, dam_id, MAX_SIBLINGS + 1)
    truncated = len(rows) > MAX_SIBLINGS
    rows = rows[:MAX_SIBLINGS]
    visible = [r for r in rows if viewer.may_see(r.vivarium_id, r.visibility)]
    genotypes: dict[uuid.UUID, list[GenotypeRow]] = await repository.genotypes(
        session, (r.id for r in visible)
    )
    items: list[Sibling | PrivateSibling] = []
    for row in rows:
        kind, shared = _kinship(sire_id, dam_id, row)
        if viewer.may_see(row.vivarium_id, row.visibility):
            items.append(
                Sibling(**summary_fields(row, viewer, genotypes), kind=kind, shared_parent=shared)
            )
        else:
            items.append(PrivateSibling(label=PRIVATE_SIBLING, kind=kind, shared_parent=shared))
    items.sort(key=lambda item: item.kind is not SiblingKind.full)
    return SiblingsRead(animal_id=animal.id, truncated=truncated, items=items)
