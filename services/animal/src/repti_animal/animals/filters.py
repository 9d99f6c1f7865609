"""The animal list's filters, parsed from the query string."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility


@dataclass(frozen=True)
class AnimalFilters:
    vivarium_id: uuid.UUID
    species_id: uuid.UUID | None = None
    sex: Sex | None = None
    status: AnimalStatus | None = None
    visibility: Visibility | None = None
    trait_id: uuid.UUID | None = None
    q: str | None = None
    include_archived: bool = False
    living: bool = False
    include_leased_in: bool = False
    # Set by the service, never by the query: a partner sees only what partners may read.
    partner_view: bool = False


def animal_filters(
    vivarium_id: Annotated[uuid.UUID, Query(description="The vivarium whose animals to list")],
    species_id: uuid.UUID | None = None,
    sex: Sex | None = None,
    status: AnimalStatus | None = None,
    visibility: Visibility | None = None,
    trait_id: Annotated[
        uuid.UUID | None, Query(description="Only animals with a genotype entry for this trait")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="Case-insensitive text in the name, display id, morph or microchip",
        ),
    ] = None,
    include_archived: bool = False,
    living: Annotated[
        bool,
        Query(
            description="Only living animals (deceased ones left out), as pickers for pairings, "
            "transfers and care logs need"
        ),
    ] = False,
    include_leased_in: Annotated[
        bool,
        Query(description="Also the animals on active loan to this vivarium (leased in)"),
    ] = False,
) -> AnimalFilters:
    return AnimalFilters(
        vivarium_id=vivarium_id,
        species_id=species_id,
        sex=sex,
        status=status,
        visibility=visibility,
        trait_id=trait_id,
        q=q.strip() or None if q else None,
        include_archived=include_archived,
        living=living,
        include_leased_in=include_leased_in,
    )
