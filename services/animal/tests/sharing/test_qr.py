"""QR codes of the public profile address, as SVG and PNG."""

from __future__ import annotations

import io
import re
import uuid

import httpx
import png  # type: ignore[import-untyped]
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.sharing.qr import QUIET_ZONE, modules
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.settings import get_settings
from reptidex_common.testing.matrix import assert_problem

from ..lineage.world import ACTORS, ANY_MEMBER, World, matrix

FORMATS = ["svg", "png"]
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def qr_url(animal_id: object, fmt: str) -> str:
    return f"/api/v1/animals/{animal_id}/qr.{fmt}"


def expected_modules(animal_id: object) -> list[list[bool]]:
    return modules(f"{get_settings().public_web_url}/animals/{animal_id}")


def svg_modules(svg: str, size: int) -> list[list[bool]]:
    """The dark modules an SVG draws, read back from its `rect`s (1 mm per module)."""
    grid = [[False] * size for _ in range(size)]
    for x, y in re.findall(r'<svg:rect x="(\d+)mm" y="(\d+)mm" width="1mm" height="1mm"', svg):
        grid[int(y)][int(x)] = True
    return grid


def png_modules(data: bytes, size: int) -> list[list[bool]]:
    """Decode the PNG and sample the centre pixel of each module."""
    width, height, rows, info = png.Reader(file=io.BytesIO(data)).asDirect()
    assert width == height
    assert width % size == 0
    pixels = [list(row) for row in rows]
    planes = info["planes"]
    middle = 2 ** info["bitdepth"] // 2
    box = width // size
    return [
        [pixels[r * box + box // 2][(c * box + box // 2) * planes] < middle for c in range(size)]
        for r in range(size)
    ]


@pytest.mark.parametrize("fmt", FORMATS)
async def test_qr_encodes_the_public_profile_url(
    client: httpx.AsyncClient, world: World, fmt: str
) -> None:
    animal = await world.male()
    response = await client.get(qr_url(animal.id, fmt), headers=world.headers("keeper"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(MEDIA_TYPES[fmt])
    expected = expected_modules(animal.id)
    size = len(expected)
    # Version 3 or so plus the quiet zone on both sides.
    assert size >= 21 + 2 * QUIET_ZONE
    if fmt == "svg":
        text = response.text
        assert text.lstrip().startswith(("<?xml", "<svg"))
        assert text.count("<svg:rect") == sum(map(sum, expected))
        assert svg_modules(text, size) == expected
    else:
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert png_modules(response.content, size) == expected
    # A different animal gives a different code.
    assert expected_modules(uuid.uuid4()) != expected


@pytest.mark.parametrize("fmt", FORMATS)
@matrix(**ANY_MEMBER)
async def test_qr_of_a_private_animal_matrix(
    client: httpx.AsyncClient, world: World, fmt: str, actor: str, expected: int
) -> None:
    animal = await world.male()
    response = await client.get(qr_url(animal.id, fmt), headers=world.headers(actor))
    assert response.status_code == expected, response.text


@pytest.mark.parametrize("fmt", FORMATS)
@matrix(**dict.fromkeys(ACTORS, 200))
async def test_qr_of_a_public_animal_is_public(
    client: httpx.AsyncClient, world: World, fmt: str, actor: str, expected: int
) -> None:
    animal = await world.male(visibility=Visibility.public)
    response = await client.get(qr_url(animal.id, fmt), headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert response.headers["content-type"].startswith(MEDIA_TYPES[fmt])


async def test_strangers_cannot_tell_unknown_from_private(
    client: httpx.AsyncClient, world: World
) -> None:
    animal = await world.male(visibility=Visibility.lineage_only)
    unknown = await client.get(qr_url(uuid.uuid4(), "svg"))
    private = await client.get(qr_url(animal.id, "svg"))
    assert unknown.status_code == private.status_code == 401
    assert unknown.json()["detail"] == private.json()["detail"]
    signed_in = await client.get(qr_url(uuid.uuid4(), "png"), headers=world.headers("owner"))
    assert signed_in.status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("visibility", [Visibility.public, Visibility.private])
async def test_a_plan_without_pedigree_qr_gets_a_plan_limit_problem(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    fmt: str,
    visibility: Visibility,
) -> None:
    """The service refuses the code itself; hiding the button in the app is not enough."""
    animal = await world.male(visibility=visibility)
    world.vivarium.entitlement_overrides = {}  # the Hobbyist plan: no pedigree QR codes
    await db_session.flush()
    for actor in ("owner", "keeper"):
        body = assert_problem(
            await client.get(qr_url(animal.id, fmt), headers=world.headers(actor)), 402
        )
        assert body["type"].endswith("/plan-limit")
        assert body["entitlement"] == "pedigree_qr"
        assert "does not include pedigree QR codes" in body["detail"]
    # Strangers still learn nothing about a private animal before the plan is consulted.
    if visibility is Visibility.private:
        assert (await client.get(qr_url(animal.id, fmt))).status_code == 401
        outsider = await client.get(qr_url(animal.id, fmt), headers=world.headers("outsider"))
        assert outsider.status_code == 404
    else:
        assert_problem(await client.get(qr_url(animal.id, fmt)), 402)
