"""The full record of an animal in the caller's own vivarium, read with one statement.

Opening a record is what breeders do all day. The general path (`load_animal`, `read`) asks
the database four times: the animal, the caller's role in its vivarium, what the caller may
see of its parents, its genotype. Here one statement answers all four, and the same rules
decide (`effective_vivarium_role`, `sees`). Anything else (an animal reached through a lease
or a partnership, one that does not exist) falls back to the general path, so the answers and
errors stay exactly those of `load_animal`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from repti_animal.animals.schemas import AnimalRead, ParentRef, PrivateParent
from repti_animal.animals.visibility import sees
from repti_animal.genotypes.schemas import GenotypeRead
from reptidex_common.auth.dependencies import effective_vivarium_role
from reptidex_common.auth.principal import Principal
from reptidex_common.db.driver_sql import driver_sql
from reptidex_common.db.engine import raw_read_connection
from reptidex_common.models.animal import Animal, Genotype, Trait
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import Membership, Vivarium
from reptidex_common.models.enums import VivariumRole

_USER = bindparam("user_id", type_=Membership.user_id.type)
_ANIMAL = bindparam("animal_id", type_=Animal.id.type)


def _parent_columns(role: str, parent_id: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """A parent's columns, with whether the caller is a member of its live vivarium."""
    parent = aliased(Animal, name=role)
    membership = aliased(Membership, name=f"{role}_membership")
    vivarium = aliased(Vivarium, name=f"{role}_vivarium")
    columns = [
        parent.id.label(f"{role}_ref_id"),
        parent.display_id.label(f"{role}_display_id"),
        parent.name.label(f"{role}_name"),
        parent.vivarium_id.label(f"{role}_vivarium_id"),
        parent.visibility.label(f"{role}_visibility"),
        membership.id.label(f"{role}_membership_id"),
        vivarium.id.label(f"{role}_live_vivarium_id"),
    ]
    joins = [
        (parent, parent.id == parent_id),
        (
            membership,
            (membership.vivarium_id == parent.vivarium_id) & (membership.user_id == _USER),
        ),
        (vivarium, (vivarium.id == membership.vivarium_id) & vivarium.deleted_at.is_(None)),
    ]
    return columns, joins


def _statement() -> Any:
    sire_columns, sire_joins = _parent_columns("sire", Animal.sire_id)
    dam_columns, dam_joins = _parent_columns("dam", Animal.dam_id)
    live = aliased(Vivarium, name="live_vivarium")
    statement = (
        select(
            *Animal.__table__.columns,
            live.id.label("live_vivarium_id"),
            Membership.role.label("member_role"),
            *sire_columns,
            *dam_columns,
            Genotype.trait_id,
            Trait.name.label("trait_name"),
            Trait.inheritance,
            Trait.allelic_group,
            Genotype.state,
            Genotype.het_percent,
            Genotype.proof,
            Trait.welfare_flag,
        )
        .select_from(Animal)
        .outerjoin(live, (live.id == Animal.vivarium_id) & live.deleted_at.is_(None))
        .outerjoin(Membership, (Membership.vivarium_id == live.id) & (Membership.user_id == _USER))
    )
    for target, on in (*sire_joins, *dam_joins):
        statement = statement.outerjoin(target, on)
    return (
        statement.outerjoin(Genotype, Genotype.animal_id == Animal.id)
        .outerjoin(Trait, Trait.id == Genotype.trait_id)
        .where(Animal.id == _ANIMAL)
        .order_by(Trait.name)
    )


# Built once and sent straight to the driver: composing and executing the statement through
# SQLAlchemy cost more than the database takes to answer it.
RECORD_SQL, _RECORD_PARAMETERS = driver_sql(_statement())


async def own_record(principal: Principal, animal_id: uuid.UUID) -> AnimalRead | None:
    """The record when the caller may read it in its own vivarium; None: use the general path."""
    arguments = {"animal_id": animal_id, "user_id": principal.user_id}
    async with raw_read_connection() as connection:
        rows = await connection.fetch(RECORD_SQL, *(arguments[n] for n in _RECORD_PARAMETERS))
    if not rows:
        return None
    first = rows[0]
    member_role = first["member_role"]
    role = effective_vivarium_role(
        principal,
        first["vivarium_id"],
        VivariumRole(member_role) if member_role is not None else None,
        live=first["live_vivarium_id"] is not None,
    )
    if role is None or not role.at_least(VivariumRole.keeper):
        return None
    fields = dict(first)
    fields["sire"] = _parent(principal, first, "sire")
    fields["dam"] = _parent(principal, first, "dam")
    fields["genotype"] = _genotype(rows)
    return AnimalRead.model_validate(fields)


def _parent(
    principal: Principal, fields: Mapping[str, Any], role: str
) -> ParentRef | PrivateParent | None:
    """As `read` names parents: only those the caller may see; `None` when none is recorded."""
    if fields[f"{role}_id"] is None:
        return None
    if fields[f"{role}_ref_id"] is None:
        return PrivateParent()
    member = (
        fields[f"{role}_membership_id"] is not None
        and fields[f"{role}_live_vivarium_id"] is not None
    )
    visibility = Visibility(fields[f"{role}_visibility"])
    if not sees(principal, fields[f"{role}_vivarium_id"], visibility, member=member):
        return PrivateParent()
    return ParentRef(
        id=fields[f"{role}_ref_id"],
        display_id=fields[f"{role}_display_id"],
        name=fields[f"{role}_name"],
    )


def _genotype(rows: Sequence[Mapping[str, Any]]) -> list[GenotypeRead]:
    return [
        GenotypeRead(
            trait_id=row["trait_id"],
            trait_name=row["trait_name"],
            inheritance=row["inheritance"],
            allelic_group=row["allelic_group"],
            state=row["state"],
            het_percent=row["het_percent"],
            proof=row["proof"],
            welfare_flag=row["welfare_flag"],
        )
        for row in rows
        if row["trait_id"] is not None
    ]
