"""The pedigree's statements sent straight to the driver (asyncpg), for the hot read.

The same statements as `repository` and `visibility` (compiled from them once), without
SQLAlchemy's per-row work: a 10-generation pedigree returns hundreds of rows, with their
genotypes in the same round trip. Enum columns
arrive from the driver as their text and are mapped back to the enums the rules compare by
identity (a `private` text would not be `Visibility.private`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, Uuid, bindparam, text
from sqlalchemy.sql.elements import TextClause

from repti_animal.lineage.repository import ANCESTORS_SQL, GenotypeRow, LineageRow
from repti_animal.lineage.visibility import OWN_ANIMAL_STATEMENT, Viewer, viewer_of
from reptidex_common.auth.dependencies import effective_vivarium_role
from reptidex_common.auth.principal import Principal
from reptidex_common.db.driver_sql import driver_sql
from reptidex_common.db.engine import DriverConnection
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)
from reptidex_common.models.enums import VivariumRole

_OWN_ANIMAL_SQL, _OWN_ANIMAL_PARAMETERS = driver_sql(OWN_ANIMAL_STATEMENT)

# `repository.genotypes`, one array per walked animal: the genotypes come in the walk's round
# trip (those of animals the caller may not see are read, and never shown).
_GENOTYPE_ARRAY = """(
    SELECT array_agg(ROW(g.trait_id, t.name, g.state, g.het_percent, g.proof) ORDER BY t.name)
    FROM animal.genotypes AS g JOIN animal.traits AS t ON t.id = g.trait_id
    WHERE g.animal_id = a.id
) AS genotype"""


def _walk_with_genotypes() -> TextClause:
    select_list_end = "reached.depth\nFROM"
    if select_list_end not in ANCESTORS_SQL.text:
        raise RuntimeError("repository.ANCESTORS_SQL changed: update driver_reads")
    return text(
        ANCESTORS_SQL.text.replace(select_list_end, f"reached.depth, {_GENOTYPE_ARRAY}\nFROM")
    ).bindparams(bindparam("roots", type_=ARRAY(Uuid())))


_ANCESTORS_SQL, _ANCESTORS_PARAMETERS = driver_sql(_walk_with_genotypes())

_SEX = {member.value: member for member in Sex}
_VISIBILITY = {member.value: member for member in Visibility}
_STATUS = {member.value: member for member in AnimalStatus}
_STATE = {member.value: member for member in GenotypeState}
_PROOF = {member.value: member for member in GenotypeProof}


def _arguments(names: Sequence[str], values: dict[str, Any]) -> list[Any]:
    return [values[name] for name in names]


async def own_animal_viewer(
    connection: DriverConnection, principal: Principal, animal_id: uuid.UUID
) -> Viewer | None:
    """As `visibility.own_animal_viewer`: None unless the animal is in a vivarium they read."""
    row = await connection.fetchrow(
        _OWN_ANIMAL_SQL,
        *_arguments(_OWN_ANIMAL_PARAMETERS, {"animal_id": animal_id, "user_id": principal.user_id}),
    )
    if row is None:
        return None
    member_role = row["member_role"]
    role = effective_vivarium_role(
        principal,
        row["vivarium_id"],
        VivariumRole(member_role) if member_role is not None else None,
        live=row["live_vivarium_id"] is not None,
    )
    if role is None or not role.at_least(VivariumRole.keeper):
        return None
    return viewer_of(principal, row["member_of"] or ())


async def ancestors(
    connection: DriverConnection, animal_id: uuid.UUID, generations: int
) -> tuple[dict[uuid.UUID, LineageRow], dict[uuid.UUID, list[GenotypeRow]]]:
    """As `repository.ancestors` for one root, with `repository.genotypes` of every row."""
    rows = await connection.fetch(
        _ANCESTORS_SQL,
        *_arguments(
            _ANCESTORS_PARAMETERS,
            {"roots": [animal_id], "start_depth": 0, "generations": generations},
        ),
    )
    walked: dict[uuid.UUID, LineageRow] = {}
    genotypes: dict[uuid.UUID, list[GenotypeRow]] = {}
    for row in rows:
        walked[row[0]] = LineageRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            _SEX[row[6]],
            row[7],
            row[8],
            _VISIBILITY[row[9]],
            _STATUS[row[10]],
            row[11],
            row[12],
        )
        if row[13]:
            genotypes[row[0]] = [
                GenotypeRow(row[0], trait_id, trait, _STATE[state], het, _PROOF[proof])
                for trait_id, trait, state, het, proof in row[13]
            ]
    return walked, genotypes
