"""Loading an animal the caller may see, with the role they hold over it.

Every endpoint that takes an animal id goes through here: an animal in a vivarium the caller
is not a member of answers 404 (the caller never learns it exists), a member below the needed
role gets 403 saying which role is needed. A lease or a partnership may let a non-member in,
for the uses `grants` allows: that is the one place those rules live.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.grants import AnimalUse, granted_access
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import Forbidden, NotFound
from reptidex_common.models.animal import Animal
from reptidex_common.models.enums import VivariumRole


class AnimalNotFound(NotFound):
    type_slug = "animal-not-found"

    def __init__(self) -> None:
        super().__init__("Animal not found.")


@dataclass(frozen=True)
class AnimalAccess:
    animal: Animal
    # The caller's vivarium access: the animal's own, or the borrower's or partner's.
    access: VivariumAccess

    @property
    def granted(self) -> bool:
        """Whether the caller reaches the animal through a lease or partnership."""
        return self.access.vivarium.id != self.animal.vivarium_id


async def load_animal(
    session: AsyncSession,
    principal: Principal,
    animal_id: uuid.UUID,
    minimum: VivariumRole,
    *,
    for_update: bool = False,
    use: AnimalUse | None = None,
) -> AnimalAccess:
    """The animal (locked when `for_update`), if the caller holds `minimum` for `use`.

    `use` defaults to reading for keeper-level calls and to managing the record otherwise.
    """
    if use is None:
        use = AnimalUse.read if minimum is VivariumRole.keeper else AnimalUse.manage
    animal = await session.get(Animal, animal_id, with_for_update=for_update)
    if animal is None:
        raise AnimalNotFound()
    try:
        access = await authorize_vivarium(session, principal, animal.vivarium_id, minimum)
    except NotFound as exc:
        granted = await granted_access(session, principal, animal, use)
        if granted is None:
            if use is not AnimalUse.read and await granted_access(
                session, principal, animal, AnimalUse.read
            ):
                # They may read it (on loan to them, or a partner's): say why they may not act.
                raise Forbidden(
                    "This animal's record belongs to its own vivarium; a lease or partnership "
                    "does not allow this.",
                    type_slug="insufficient-role",
                ) from exc
            raise AnimalNotFound() from exc
        if not granted.at_least(minimum):
            have = granted.role.value if granted.role else "none"
            raise Forbidden(
                f"This needs the {minimum.value} role or higher; you have {have} access to "
                "this animal.",
                type_slug="insufficient-role",
            ) from exc
        access = granted
    return AnimalAccess(animal=animal, access=access)
