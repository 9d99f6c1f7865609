"""Loading an animal the caller may see, with the role they hold over it.

Every endpoint that takes an animal id goes through here: an animal in a vivarium the caller
is not a member of answers 404 (the caller never learns it exists), a member below the needed
role gets 403 saying which role is needed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import NotFound
from reptidex_common.models.animal import Animal
from reptidex_common.models.enums import VivariumRole


class AnimalNotFound(NotFound):
    type_slug = "animal-not-found"

    def __init__(self) -> None:
        super().__init__("Animal not found.")


@dataclass(frozen=True)
class AnimalAccess:
    animal: Animal
    access: VivariumAccess


async def load_animal(
    session: AsyncSession,
    principal: Principal,
    animal_id: uuid.UUID,
    minimum: VivariumRole,
    *,
    for_update: bool = False,
) -> AnimalAccess:
    """The animal (locked when `for_update`), if the caller holds `minimum` in its vivarium."""
    animal = await session.get(Animal, animal_id, with_for_update=for_update)
    if animal is None:
        raise AnimalNotFound()
    try:
        access = await authorize_vivarium(session, principal, animal.vivarium_id, minimum)
    except NotFound as exc:
        raise AnimalNotFound() from exc
    return AnimalAccess(animal=animal, access=access)
