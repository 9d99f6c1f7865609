"""The seeded catalogue through the calculator: what breeders call a combination, and what
its own notes say is lethal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Species, Trait
from reptidex_common.models.core import User
from reptidex_common.testing.plugin import UserFactory

URL = "/api/v1/genetics/predict"
Headers = Callable[[User], dict[str, str]]


@pytest.fixture
async def owner(make_user: UserFactory) -> User:
    return await make_user()


async def ball_python(db_session: AsyncSession) -> tuple[Species, dict[str, Trait]]:
    species = await db_session.scalar(
        select(Species).where(Species.scientific_name == "Python regius")
    )
    assert species is not None
    traits = (await db_session.scalars(select(Trait).where(Trait.species_id == species.id))).all()
    return species, {trait.name: trait for trait in traits}


async def predict(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    species: Species,
    traits: dict[str, Trait],
    sire: dict[str, str],
    dam: dict[str, str],
) -> dict[str, Any]:
    def genotype(genes: dict[str, str]) -> dict[str, Any]:
        return {"genotype": [{"trait_id": str(traits[n].id), "state": s} for n, s in genes.items()]}

    body = {"species_id": str(species.id), "sire": genotype(sire), "dam": genotype(dam)}
    response = await client.post(URL, json=body, headers=headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def outcome(body: dict[str, Any], phenotype: str) -> dict[str, Any]:
    return next(o for o in body["outcomes"] if o["phenotype"] == phenotype)


async def test_mojave_with_lesser_is_named_blue_eyed_leucistic(
    client: httpx.AsyncClient, db_session: AsyncSession, owner: User, auth_headers: Headers
) -> None:
    species, traits = await ball_python(db_session)
    body = await predict(
        client, auth_headers(owner), species, traits, {"Mojave": "visual"}, {"Lesser": "visual"}
    )
    bel = outcome(body, "Mojave Lesser")
    assert bel["probability"] == 0.25
    assert bel["allelic_combinations"] == [
        {"group": "BEL complex", "name": "Mojave Lesser", "hobby_name": "Blue-Eyed Leucistic"}
    ]
    # One allele only is no combination; the name stays beside the genes, not instead of them.
    assert outcome(body, "Mojave")["allelic_combinations"] == []


async def test_a_super_of_the_bel_complex_is_named_too(
    client: httpx.AsyncClient, db_session: AsyncSession, owner: User, auth_headers: Headers
) -> None:
    species, traits = await ball_python(db_session)
    body = await predict(
        client, auth_headers(owner), species, traits, {"Butter": "visual"}, {"Butter": "visual"}
    )
    assert outcome(body, "Super Butter")["allelic_combinations"][0]["hobby_name"] == (
        "Blue-Eyed Leucistic"
    )


async def test_two_copies_of_spider_are_flagged_lethal_as_its_note_says(
    client: httpx.AsyncClient, db_session: AsyncSession, owner: User, auth_headers: Headers
) -> None:
    species, traits = await ball_python(db_session)
    body = await predict(
        client, auth_headers(owner), species, traits, {"Spider": "visual"}, {"Spider": "visual"}
    )
    double = outcome(body, "Super Spider")
    assert [(w["kind"], w["severity"]) for w in double["warnings"]] == [
        ("homozygous", "lethal"),
        ("carrier", "welfare"),
    ]
    assert "non-viable" in double["warnings"][0]["message"]
    # One copy keeps its welfare flag, and is not called lethal.
    assert [(w["kind"], w["severity"]) for w in outcome(body, "Spider")["warnings"]] == [
        ("carrier", "welfare")
    ]
    pairing = {(w["kind"], w["severity"], w["probability"]) for w in body["warnings"]}
    assert ("homozygous", "lethal", 0.25) in pairing
