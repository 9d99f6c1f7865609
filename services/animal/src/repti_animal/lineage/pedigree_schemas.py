"""The pedigree as clients see it: a flat, de-duplicated list of nodes linked by keys.

TypedDicts rather than models: a 10-generation pedigree has hundreds of nodes, and plain dicts
serialized once by `PEDIGREE_JSON` (in Rust) cost a fraction of building and re-validating
models. The same types document the response in OpenAPI, so the schema is exactly what is sent.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal, cast

from fastapi import Response
from pydantic import Discriminator, Field, Tag, TypeAdapter
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from repti_animal.lineage.schemas import Access
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)

ParentKey = Annotated[
    str | None,
    Field(
        description="`key` of the parent's node in `nodes`; null: no parent recorded, or "
        "beyond the requested generations"
    ),
]


class PedigreeGenotype(TypedDict):
    trait_id: uuid.UUID
    trait: str
    state: GenotypeState
    het_percent: int | None
    proof: GenotypeProof


class VisibleAnimal(TypedDict):
    """What the caller is shown of an animal they may see (pedigrees and relatives alike)."""

    id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    hatch_date: date | None
    morph: str | None
    visibility: Visibility
    status: AnimalStatus
    archived: bool
    access: Access
    vivarium_id: Annotated[
        uuid.UUID | None, Field(description="Only for animals in the caller's vivariums")
    ]
    genotype: list[PedigreeGenotype]


class PedigreeAnimal(VisibleAnimal):
    """An animal the caller may see; it appears once however often it occurs in the pedigree."""

    key: Annotated[str, Field(description="The animal's id")]
    private: Literal[False]
    generation: Annotated[
        int, Field(description="The shallowest generation it occurs at: 0 for the animal itself")
    ]
    sire: ParentKey
    dam: ParentKey


class PrivatePedigreeNode(TypedDict):
    """An ancestor the caller may not see. Each occurrence has its own key, so two
    occurrences of one animal cannot be linked; nothing behind it is included."""

    key: Annotated[str, Field(description="Opaque: `private-1`, `private-2`, ...")]
    private: Literal[True]
    label: str
    generation: int
    sire: None
    dam: None


def _node_kind(node: Any) -> str:
    return "private" if node["private"] else "animal"


# Tagged by a function, not by `private` itself: the serializer picks the right type without
# trying both, and OpenAPI gets a plain `oneOf` (a boolean discriminator is not valid there).
PedigreeNode = Annotated[
    Annotated[PedigreeAnimal, Tag("animal")] | Annotated[PrivatePedigreeNode, Tag("private")],
    Discriminator(_node_kind),
]


class PedigreeRead(TypedDict):
    animal_id: uuid.UUID
    generations: int
    root: Annotated[str, Field(description="`key` of the animal's own node")]
    nodes: list[PedigreeNode]


PEDIGREE_JSON: TypeAdapter[PedigreeRead] = TypeAdapter(PedigreeRead)
# For the routes: documents the 200 answer, which they send pre-serialized.
PEDIGREE_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": PedigreeRead, "description": "Successful Response"}
}


class _PedigreeHead(TypedDict):
    animal_id: uuid.UUID
    generations: int
    root: str


_HEAD_JSON: TypeAdapter[_PedigreeHead] = TypeAdapter(_PedigreeHead)
_ANIMALS_JSON: TypeAdapter[list[PedigreeAnimal]] = TypeAdapter(list[PedigreeAnimal])
_PRIVATE_JSON: TypeAdapter[list[PrivatePedigreeNode]] = TypeAdapter(list[PrivatePedigreeNode])


def pedigree_json(pedigree: PedigreeRead) -> bytes:
    """Exactly `PEDIGREE_JSON.dump_json(pedigree)`, in a third less time.

    The union's discriminator is a Python call per node; `pedigree.build` lists the animals
    first and the private placeholders after them, so each run is written by its own type.
    """
    nodes = pedigree["nodes"]
    first_private = next((i for i, node in enumerate(nodes) if node["private"]), len(nodes))
    animals = cast(list[PedigreeAnimal], nodes[:first_private])
    placeholders = cast(list[PrivatePedigreeNode], nodes[first_private:])
    if any(not node["private"] for node in placeholders):
        return PEDIGREE_JSON.dump_json(pedigree)
    head = _HEAD_JSON.dump_json(
        {
            "animal_id": pedigree["animal_id"],
            "generations": pedigree["generations"],
            "root": pedigree["root"],
        }
    )
    runs = [
        run[1:-1]
        for run in (_ANIMALS_JSON.dump_json(animals), _PRIVATE_JSON.dump_json(placeholders))
        if run != b"[]"
    ]
    return head[:-1] + b',"nodes":[' + b",".join(runs) + b"]}"


def pedigree_response(pedigree: PedigreeRead) -> Response:
    """The pedigree serialized once, without FastAPI validating it again against its model."""
    return Response(pedigree_json(pedigree), media_type="application/json")
