"""The cast of the lineage and sharing tests: every vivarium role, an outsider, staff.

Also small builders for pedigrees, so each test states only the family it needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.pedigree_schemas import PEDIGREE_JSON
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility
from reptidex_common.models.core import User, Vivarium
from reptidex_common.testing import matrix as cast
from reptidex_common.testing.matrix import ACTORS, matrix, quick_user
from reptidex_common.testing.plugin import VivariumFactory

__all__ = [
    "ACTORS",
    "ANY_MEMBER",
    "EVERYONE",
    "NOBODY",
    "World",
    "build_world",
    "closed_line",
    "matrix",
    "nest",
    "quick_user",
    "walk",
]

ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
EVERYONE = dict.fromkeys(ACTORS, 200)
NOBODY = dict.fromkeys(ACTORS, 404)


@dataclass
class World(cast.World):
    """The cast ("Gecko Grove" and the outsider's "Python Place"), able to hatch animals."""

    make_animal: Callable[..., Awaitable[Animal]]
    species: Any

    async def animal(
        self,
        *,
        sex: Sex = Sex.unknown,
        sire: Animal | None = None,
        dam: Animal | None = None,
        vivarium: Vivarium | None = None,
        visibility: Visibility = Visibility.private,
        **fields: Any,
    ) -> Animal:
        return await self.make_animal(
            vivarium or self.vivarium,
            self.species,
            sex=sex,
            sire=sire,
            dam=dam,
            visibility=visibility,
            **fields,
        )

    async def male(self, **fields: Any) -> Animal:
        return await self.animal(sex=Sex.male, **fields)

    async def female(self, **fields: Any) -> Animal:
        return await self.animal(sex=Sex.female, **fields)

    async def pair(self, **fields: Any) -> tuple[Animal, Animal]:
        return await self.male(**fields), await self.female(**fields)


async def build_world(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Callable[[User], dict[str, str]],
    make_animal: Callable[..., Awaitable[Animal]],
    species: Any,
) -> World:
    base = await cast.build_world(db_session, make_vivarium, auth_headers)
    return World(**vars(base), make_animal=make_animal, species=species)


async def closed_line(world: World, generations: int, **fields: Any) -> list[tuple[Animal, Animal]]:
    """Brother x sister for `generations` generations: pairs[0] founders, pairs[-1] newest.

    Every pedigree position is filled while only two animals exist per generation, which is
    both the worst case for repeated ancestors and a full tree of any depth.
    """
    pairs = [await world.pair(**fields)]
    for _ in range(generations - 1):
        sire, dam = pairs[-1]
        pairs.append(await world.pair(sire=sire, dam=dam, **fields))
    return pairs


def walk(node: dict[str, Any] | None, generation: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """Every node of a nested pedigree with its generation, depth first."""
    if node is None:
        return []
    found = [(generation, node)]
    for parent in ("sire", "dam"):
        found += walk(node.get(parent), generation + 1)
    return found


def nest(body: dict[str, Any]) -> dict[str, Any]:
    """The flat pedigree as the nested tree it stands for: every occurrence of an ancestor
    expanded in place, down to the requested generations.

    Checks the flat shape on the way: it matches its schema, keys are unique, every node but
    the root is referenced, placeholders exactly once, and each node's `generation` is the
    shallowest one it occurs at.
    """
    PEDIGREE_JSON.validate_python(body)
    nodes = {node["key"]: node for node in body["nodes"]}
    assert len(nodes) == len(body["nodes"]), "duplicate keys"
    assert nodes[body["root"]]["generation"] == 0
    references = Counter(
        parent for node in body["nodes"] for parent in (node["sire"], node["dam"]) if parent
    )
    for key, node in nodes.items():
        if key == body["root"]:
            continue
        assert references[key] >= 1, f"{key} is not referenced"
        if node["private"]:
            assert references[key] == 1, f"{key} is referenced twice"
        children = [n for n in body["nodes"] if key in (n["sire"], n["dam"])]
        assert node["generation"] == 1 + min(c["generation"] for c in children), key
        assert node["generation"] <= body["generations"]

    def expand(key: str | None, generation: int) -> dict[str, Any] | None:
        if key is None or generation > body["generations"]:
            return None
        node = nodes[key]
        return {
            **node,
            "sire": expand(node["sire"], generation + 1),
            "dam": expand(node["dam"], generation + 1),
        }

    tree = expand(body["root"], 0)
    assert tree is not None
    return tree
