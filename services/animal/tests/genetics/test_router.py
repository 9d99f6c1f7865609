"""POST /api/v1/genetics/predict through HTTP: by genotypes, by animals, who may use what."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Genotype, Species, Trait
from reptidex_common.models.animal_enums import (
    GenotypeProof,
    GenotypeState,
    Inheritance,
    Visibility,
    WelfareFlag,
    WelfareScope,
)
from reptidex_common.models.core import User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

if TYPE_CHECKING:
    from ..conftest import AnimalFactory, SpeciesFixture

URL = "/api/v1/genetics/predict"
PROBLEM_JSON = "application/problem+json"
Headers = Callable[[User], dict[str, str]]


def genes(species: SpeciesFixture, **states: str) -> list[dict[str, Any]]:
    """`Clown="het", Pastel="visual", Piebald="possible_het:66"` as a genotype list."""
    body = []
    for name, state in states.items():
        trait = species.traits[name.replace("_", " ")]
        entry: dict[str, Any] = {"trait_id": str(trait.id), "state": state.split(":")[0]}
        if ":" in state:
            entry["het_percent"] = int(state.split(":")[1])
        body.append(entry)
    return body


def pairing(species: SpeciesFixture | Species, sire: Any, dam: Any) -> dict[str, Any]:
    species_id = species.id
    return {"species_id": str(species_id), "sire": sire, "dam": dam}


def by_phenotype(body: dict[str, Any]) -> dict[str, float]:
    return {o["phenotype"]: o["probability"] for o in body["outcomes"]}


@pytest.fixture
async def owner(make_user: UserFactory) -> User:
    return await make_user()


@pytest.fixture
async def vivarium(make_vivarium: VivariumFactory, owner: User) -> Vivarium:
    return await make_vivarium(owner)


async def set_genotype(
    db_session: AsyncSession,
    animal: Animal,
    species: SpeciesFixture,
    **states: str | tuple[str, GenotypeProof],
) -> None:
    for name, value in states.items():
        state, proof = value if isinstance(value, tuple) else (value, GenotypeProof.visual)
        kind, _, percent = state.partition(":")
        db_session.add(
            Genotype(
                animal_id=animal.id,
                trait_id=species.traits[name.replace("_", " ")].id,
                state=GenotypeState(kind),
                het_percent=int(percent) if percent else None,
                proof=proof,
            )
        )
    await db_session.flush()


async def test_predict_by_genotypes(
    client: httpx.AsyncClient, species: SpeciesFixture, owner: User, auth_headers: Headers
) -> None:
    response = await client.post(
        URL,
        json=pairing(
            species,
            {"genotype": genes(species, Pastel="visual", Clown="visual")},
            {"genotype": genes(species, Clown="het")},
        ),
        headers=auth_headers(owner),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert by_phenotype(body) == {
        "Pastel Clown": 0.25,
        "Pastel het Clown": 0.25,
        "Clown": 0.25,
        "het Clown": 0.25,
    }
    first = next(o for o in body["outcomes"] if o["phenotype"] == "Pastel het Clown")
    assert first["fraction"] == "1/4"
    assert first["visual"] == "Pastel"
    assert first["hets"] == ["het Clown"]
    assert {(g["trait"], g["state"]) for g in first["genotype"]} == {
        ("Pastel", "visual"),
        ("Clown", "het"),
    }
    assert body["warnings"] == []
    assert body["sire"]["animal_id"] is None
    assert [g["trait"] for g in body["sire"]["genotype"]] == ["Clown", "Pastel"]
    summary = {t["trait"]: t for t in body["traits"]}
    assert summary["Clown"]["shows"] == 0.5
    assert summary["Pastel"]["carries"] == 0.5


async def test_possible_hets_and_allelic_combinations(
    client: httpx.AsyncClient, species: SpeciesFixture, owner: User, auth_headers: Headers
) -> None:
    response = await client.post(
        URL,
        json=pairing(
            species,
            {"genotype": genes(species, Mojave="visual", Clown="possible_het:66")},
            {"genotype": genes(species, Lesser="visual", Clown="het")},
        ),
        headers=auth_headers(owner),
    )
    assert response.status_code == 200, response.text
    found = by_phenotype(response.json())
    assert found["Mojave Lesser 60% possible het Clown"] == pytest.approx(1 / 4 * 5 / 6)
    assert found["Mojave Lesser Clown"] == pytest.approx(1 / 4 * 1 / 6)
    assert sum(found.values()) == pytest.approx(1)
    combo = next(o for o in response.json()["outcomes"] if o["phenotype"] == "Mojave Lesser Clown")
    assert combo["allelic_combinations"] == [
        {"group": "BEL", "name": "Mojave Lesser", "hobby_name": None}
    ]
    het = next(
        g
        for o in response.json()["outcomes"]
        if o["phenotype"] == "Mojave 60% possible het Clown"
        for g in o["genotype"]
        if g["trait"] == "Clown"
    )
    assert het == {
        "trait_id": str(species.traits["Clown"].id),
        "trait": "Clown",
        "state": "possible_het",
        "het_percent": 60,
        "het_probability": pytest.approx(0.6),
    }


async def test_spider_warning_and_lethal_super(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    lethal = Trait(
        species_id=species.id,
        name="Lemon Frost",
        inheritance=Inheritance.incomplete_dominant,
        welfare_flag=WelfareFlag.lethal,
        welfare_scope=WelfareScope.homozygous,
        welfare_note="Supers develop tumours.",
    )
    db_session.add(lethal)
    await db_session.flush()
    frost = {"trait_id": str(lethal.id), "state": "visual"}
    response = await client.post(
        URL,
        json=pairing(
            species,
            {"genotype": [*genes(species, Spider="visual"), frost]},
            {"genotype": [frost]},
        ),
        headers=auth_headers(owner),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    pairing_warnings = {(w["trait"], w["severity"], w["kind"]): w for w in body["warnings"]}
    assert set(pairing_warnings) == {
        ("Lemon Frost", "lethal", "homozygous"),
        ("Spider", "welfare", "carrier"),
    }
    assert pairing_warnings[("Lemon Frost", "lethal", "homozygous")]["probability"] == 0.25
    assert pairing_warnings[("Spider", "welfare", "carrier")]["probability"] == 0.5
    super_spider = next(o for o in body["outcomes"] if o["phenotype"] == "Spider Super Lemon Frost")
    assert [(w["trait"], w["severity"]) for w in super_spider["warnings"]] == [
        ("Lemon Frost", "lethal"),
        ("Spider", "welfare"),
    ]
    assert super_spider["warnings"][1]["note"] == "Neurological wobble in every Spider."
    normal = next(o for o in body["outcomes"] if o["phenotype"] == "Normal")
    assert normal["warnings"] == []


async def test_predict_by_animals_in_own_vivarium(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    vivarium: Vivarium,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    auth_headers: Headers,
) -> None:
    sire = await make_animal(vivarium, species, name="Apollo")
    dam = await make_animal(vivarium, species, name="Hera")
    await set_genotype(
        db_session, sire, species, Pastel="visual", Clown=("het", GenotypeProof.test_breeding)
    )
    await set_genotype(db_session, dam, species, Clown=("het", GenotypeProof.seller_claim))
    response = await client.post(
        URL,
        json=pairing(species, {"animal_id": str(sire.id)}, {"animal_id": str(dam.id)}),
        headers=auth_headers(owner),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert by_phenotype(body) == {
        "Pastel 66% possible het Clown": 0.375,
        "66% possible het Clown": 0.375,
        "Pastel Clown": 0.125,
        "Clown": 0.125,
    }
    assert body["sire"]["animal_id"] == str(sire.id)
    assert body["sire"]["display_id"] == sire.display_id
    assert {g["trait"]: g["proof"] for g in body["sire"]["genotype"]} == {
        "Clown": "test_breeding",
        "Pastel": "visual",
    }
    assert body["dam"]["genotype"] == [
        {
            "trait_id": str(species.traits["Clown"].id),
            "trait": "Clown",
            "state": "het",
            "het_percent": None,
            "proof": "seller_claim",
        }
    ]


async def test_animal_and_genotype_mixed_and_a_normal_animal(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    vivarium: Vivarium,
    make_animal: AnimalFactory,
    auth_headers: Headers,
) -> None:
    normal = await make_animal(vivarium, species)
    response = await client.post(
        URL,
        json=pairing(
            species, {"genotype": genes(species, Clown="visual")}, {"animal_id": str(normal.id)}
        ),
        headers=auth_headers(owner),
    )
    assert response.status_code == 200, response.text
    assert by_phenotype(response.json()) == {"het Clown": 1.0}


@pytest.mark.parametrize(
    ("actor", "visibility", "expected"),
    [
        ("owner", Visibility.private, 200),
        ("keeper", Visibility.private, 200),
        ("outsider", Visibility.private, 404),
        ("outsider", Visibility.lineage_only, 200),
        ("outsider", Visibility.public, 200),
        ("admin", Visibility.private, 200),
        ("anonymous", Visibility.public, 401),
    ],
)
async def test_who_may_use_an_animal(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    make_animal: AnimalFactory,
    auth_headers: Headers,
    actor: str,
    visibility: Visibility,
    expected: int,
) -> None:
    users = {
        "owner": owner,
        "keeper": await make_user(),
        "outsider": await make_user(),
        "admin": await make_user(platform_role=PlatformRole.admin),
    }
    vivarium = await make_vivarium(owner, members={users["keeper"].id: VivariumRole.keeper})
    await make_vivarium(users["outsider"])
    animal = await make_animal(vivarium, species, visibility=visibility)
    headers = auth_headers(users[actor]) if actor in users else {}

    response = await client.post(
        URL,
        json=pairing(species, {"animal_id": str(animal.id)}, {"genotype": []}),
        headers=headers,
    )
    assert response.status_code == expected, response.text
    if expected != 200:
        assert response.headers["content-type"] == PROBLEM_JSON
    if expected == 404:
        # The same answer as for an animal that does not exist.
        missing = await client.post(
            URL,
            json=pairing(species, {"animal_id": str(uuid.uuid4())}, {"genotype": []}),
            headers=headers,
        )
        assert missing.status_code == 404
        assert missing.json()["detail"] == response.json()["detail"]


async def test_anonymous_by_genotypes_is_401(
    client: httpx.AsyncClient, species: SpeciesFixture
) -> None:
    response = await client.post(URL, json=pairing(species, {"genotype": []}, {"genotype": []}))
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON


async def problem(
    client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(URL, json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    found: dict[str, Any] = response.json()
    assert found["status"] == 422
    return found


async def test_impossible_genotypes_are_422_with_every_field(
    client: httpx.AsyncClient, species: SpeciesFixture, owner: User, auth_headers: Headers
) -> None:
    body = await problem(
        client,
        auth_headers(owner),
        pairing(
            species,
            {"genotype": genes(species, Pastel="het", Clown="possible_het")},
            {"genotype": genes(species, Mojave="super", Lesser="visual")},
        ),
    )
    assert body["type"].endswith("/invalid-genotype")
    assert [(e["field"], e["type"]) for e in body["errors"]] == [
        ("sire.genotype.0.state", "impossible-state"),
        ("sire.genotype.1.state", "impossible-state"),
        ("dam.genotype.1", "too-many-alleles"),
    ]
    assert "Pastel is incomplete dominant" in body["detail"]


async def test_duplicate_traits_and_traits_of_another_species(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    other = Species(
        common_name="Other",
        scientific_name=f"Other {uuid.uuid4().hex[:6]}",
        code_prefix=f"O{uuid.uuid4().hex[:4]}",
    )
    db_session.add(other)
    await db_session.flush()
    foreign = Trait(species_id=other.id, name="Albino", inheritance=Inheritance.recessive)
    db_session.add(foreign)
    await db_session.flush()
    clown = genes(species, Clown="het")
    body = await problem(
        client,
        auth_headers(owner),
        pairing(
            species,
            {"genotype": clown + clown},
            {"genotype": [{"trait_id": str(foreign.id), "state": "visual"}]},
        ),
    )
    assert [(e["field"], e["type"]) for e in body["errors"]] == [
        ("sire.genotype.1.trait_id", "duplicate-trait"),
        ("dam.genotype.0.trait_id", "unknown-trait"),
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"sire": {"genotype": [{"trait_id": "x", "state": "het"}]}},
        {"sire": {"genotype": [], "animal_id": str(uuid.uuid4())}},
        {"dam": {}},
        {"species_id": "nope"},
    ],
)
async def test_malformed_payloads_are_422(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    change: dict[str, Any],
) -> None:
    base = pairing(species, {"genotype": []}, {"genotype": []})
    body = await problem(client, auth_headers(owner), base | change)
    assert body["type"].endswith("/validation-error")
    assert body["errors"]


async def test_het_percent_outside_50_and_66_is_422(
    client: httpx.AsyncClient, species: SpeciesFixture, owner: User, auth_headers: Headers
) -> None:
    entry = genes(species, Clown="possible_het:33")
    body = await problem(
        client, auth_headers(owner), pairing(species, {"genotype": entry}, {"genotype": []})
    )
    assert any("het_percent" in e["field"] for e in body["errors"])


async def test_unknown_species_and_animal_of_another_species(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    vivarium: Vivarium,
    make_animal: AnimalFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    headers = auth_headers(owner)
    unknown = await problem(
        client,
        headers,
        {"species_id": str(uuid.uuid4()), "sire": {"genotype": []}, "dam": {"genotype": []}},
    )
    assert unknown["errors"][0]["field"] == "species_id"

    other = Species(
        common_name="Other",
        scientific_name=f"Other {uuid.uuid4().hex[:6]}",
        code_prefix=f"O{uuid.uuid4().hex[:4]}",
    )
    db_session.add(other)
    await db_session.flush()
    stranger = await make_animal(vivarium, other)
    wrong = await problem(
        client,
        headers,
        pairing(species, {"animal_id": str(stranger.id)}, {"genotype": []}),
    )
    assert [(e["field"], e["type"]) for e in wrong["errors"]] == [
        ("sire.animal_id", "wrong-species")
    ]


async def test_too_many_genes_is_a_clear_422(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    extra = [
        Trait(species_id=species.id, name=f"Recessive {i}", inheritance=Inheritance.recessive)
        for i in range(12)
    ]
    db_session.add_all(extra)
    await db_session.flush()
    sire = [{"trait_id": str(t.id), "state": "het"} for t in extra] + genes(species, Clown="het")
    body = await problem(
        client, auth_headers(owner), pairing(species, {"genotype": sire}, {"genotype": []})
    )
    assert body["type"].endswith("/pairing-too-complex")
    assert "13 genes" in body["detail"]


def exact_total(body: dict[str, Any]) -> Fraction:
    listed = sum((Fraction(o["fraction"]) for o in body["outcomes"]), Fraction(0))
    other = body["other_outcomes"]
    return listed + (Fraction(other["fraction"]) if other else 0)


async def test_a_nine_gene_project_answers_with_exact_totals_in_time(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    recessives = [
        Trait(species_id=species.id, name=f"Recessive {i}", inheritance=Inheritance.recessive)
        for i in range(7)
    ]
    dominants = [
        Trait(
            species_id=species.id,
            name=f"Incomplete {i}",
            inheritance=Inheritance.incomplete_dominant,
        )
        for i in range(2)
    ]
    db_session.add_all(recessives + dominants)
    await db_session.flush()
    # Het x het: two looks per recessive; visual x visual: three per incomplete dominant.
    both = {
        "genotype": [{"trait_id": str(t.id), "state": "het"} for t in recessives]
        + [{"trait_id": str(t.id), "state": "visual"} for t in dominants]
    }
    started = time.perf_counter()
    response = await client.post(
        URL, json=pairing(species, both, both), headers=auth_headers(owner)
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outcome_count"] == 1152
    assert len(body["outcomes"]) == 100
    assert body["other_outcomes"]["count"] == 1052
    assert exact_total(body) == 1
    # Normal-looking het for all seven with one copy of both: (2/3 . 3/4)^7 . (1/2)^2.
    assert Fraction(body["outcomes"][0]["fraction"]) == Fraction(3, 4) ** 7 * Fraction(1, 4)
    assert elapsed < 2, f"a 9-gene pairing took {elapsed:.2f} s"

    more = await client.post(
        URL, json={**pairing(species, both, both), "limit": 1000}, headers=auth_headers(owner)
    )
    assert more.status_code == 200, more.text
    assert more.json()["outcomes"][:100] == body["outcomes"]
    assert more.json()["other_outcomes"]["count"] == 152
    assert exact_total(more.json()) == 1


async def test_an_outcome_limit_out_of_range_is_a_422(
    client: httpx.AsyncClient, species: SpeciesFixture, owner: User, auth_headers: Headers
) -> None:
    for limit in (0, 1001):
        body = {**pairing(species, {"genotype": []}, {"genotype": []}), "limit": limit}
        response = await client.post(URL, json=body, headers=auth_headers(owner))
        assert response.status_code == 422, response.text


async def test_twelve_genes_with_a_thousand_outcomes_answer(
    client: httpx.AsyncClient,
    species: SpeciesFixture,
    owner: User,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    extra = [
        Trait(species_id=species.id, name=f"Recessive {i}", inheritance=Inheritance.recessive)
        for i in range(12)
    ]
    db_session.add_all(extra)
    await db_session.flush()
    # Het x het gives two looks per gene, het x normal one: 2**10 outcomes over 12 genes.
    sire = {"genotype": [{"trait_id": str(t.id), "state": "het"} for t in extra]}
    dam = {"genotype": sire["genotype"][:10]}
    response = await client.post(URL, json=pairing(species, sire, dam), headers=auth_headers(owner))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outcome_count"] == 2**10
    assert len(body["outcomes"]) == 100
    assert body["other_outcomes"]["count"] == 2**10 - 100
    assert exact_total(body) == 1
