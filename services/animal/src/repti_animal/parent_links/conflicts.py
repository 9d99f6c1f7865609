"""An owner's correction of their own animal against offspring recorded elsewhere.

A parent's sex and hatch date are part of its offspring's lineage. Offspring the caller
keeps (a vivarium they are a member of; staff see all) still refuse a correction that would
break their lineage, with the reason. Offspring in other vivariums never block it and are
never revealed by it: the owner's correction wins, the offspring's link is unlinked and kept
as a `suspended` parent link with the reason, which the child's owner sees on the child's
lineage to fix or remove. Unlinking first keeps the `animal.check_lineage` trigger true: it
still guards every parent that is linked, and a suspended link is not.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.events import emit_lineage_changed
from repti_animal.animals.exceptions import InvalidAnimalField
from repti_animal.parent_links import repository
from repti_animal.parent_links.events import link_changed
from repti_animal.parent_links.service import FIELD, queue_coi_recompute
from reptidex_common.auth.principal import Principal
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Animal, ParentLink
from reptidex_common.models.animal_enums import ParentLinkStatus, ParentRole


def _refusal(role: ParentRole, kind: str, changes: dict[str, Any]) -> InvalidAnimalField:
    if kind == "sex":
        if role is ParentRole.sire:
            return InvalidAnimalField(
                "sex", "This animal is recorded as the sire of offspring; it cannot be female."
            )
        return InvalidAnimalField(
            "sex", "This animal is recorded as the dam of offspring; it cannot be male."
        )
    hatch_date = changes["hatch_date"]
    return InvalidAnimalField(
        "hatch_date",
        f"This animal has offspring that hatched on or before {hatch_date.isoformat()}; "
        "a parent must hatch before its offspring.",
    )


def _reason(role: ParentRole, kind: str) -> str:
    if kind == "sex":
        sex = "female" if role is ParentRole.sire else "male"
        return (
            f"The {role.value}'s owner corrected its sex to {sex}, so it cannot be this "
            f"animal's {role.value}. Choose another {role.value} or remove this link."
        )
    return (
        f"The {role.value}'s owner corrected its hatch date; it is no longer older than this "
        "animal. Check this animal's hatch date and ask again, or remove this link."
    )


async def settle_offspring_conflicts(
    session: AsyncSession, principal: Principal, animal: Animal, changes: dict[str, Any]
) -> None:
    """Refuse for offspring the caller keeps; suspend the links of everyone else's.

    Call it under the lineage lock, before the parent's own change is written (the
    suspensions are flushed first, so the trigger never sees a broken link).
    """
    sex = changes.get("sex")
    conflicts = await repository.conflicting_offspring(
        session,
        animal.id,
        sex=sex if sex != animal.sex else None,
        hatch_date=changes.get("hatch_date"),
    )
    if not conflicts:
        return
    kept = await repository.member_vivariums(
        session, principal.user_id, {child.vivarium_id for child, _, _ in conflicts}
    )
    if principal.vivarium_id is not None:
        kept &= {principal.vivarium_id}
    # Sex before hatch date, as the checks always ran.
    for child, role, kind in sorted(conflicts, key=lambda c: c[2] != "sex"):
        if (
            principal.is_staff
            or child.vivarium_id == animal.vivarium_id
            or child.vivarium_id in kept
        ):
            raise _refusal(role, kind, changes)
    now = datetime.now(UTC)
    suspended: list[ParentLink] = []
    unlinked: list[tuple[Animal, uuid.UUID | None, uuid.UUID | None, ParentLink]] = []
    for child, role, kind in conflicts:
        if getattr(child, FIELD[role]) != animal.id:
            continue  # both of its links to this animal were already handled
        previous = (child.sire_id, child.dam_id)
        setattr(child, FIELD[role], None)
        link = await repository.approved_link(session, child.id, role, animal.id)
        if link is None:
            # Linked before requests existed (or by hatching, import, a transfer).
            link = ParentLink(child_id=child.id, role=role, parent_id=animal.id)
            session.add(link)
        link.status = ParentLinkStatus.suspended
        link.reason = _reason(role, kind)
        link.responded_by_id = principal.user_id
        link.responded_at = now
        suspended.append(link)
        unlinked.append((child, *previous, link))
        queue_coi_recompute(session, child.id)
    await session.flush()
    for link in suspended:
        link_changed(session, link)
    actor = actor_of(principal)
    for child, previous_sire_id, previous_dam_id, link in unlinked:
        emit_lineage_changed(
            session,
            child,
            previous_sire_id=previous_sire_id,
            previous_dam_id=previous_dam_id,
            actor=actor,
            parent_link_id=link.id,
        )
