"""The SPA hosts: real files, index.html for client-side routes, a page when not built."""

from __future__ import annotations

import httpx

BREEDER = {"Host": "breeder.localhost:8000"}


async def test_index_and_assets_are_served(gateway: httpx.AsyncClient) -> None:
    index = await gateway.get("/", headers=BREEDER)
    assert index.status_code == 200
    assert "<title>Breeder</title>" in index.text
    asset = await gateway.get("/assets/app-1234.js", headers=BREEDER)
    assert asset.status_code == 200
    assert asset.text == "console.log('breeder')"
    assert "immutable" in asset.headers["cache-control"]
    assert (await gateway.get("/robots.txt", headers=BREEDER)).text == "User-agent: *"


async def test_client_side_routes_fall_back_to_index(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/animals/CR-062/pedigree", headers=BREEDER)
    assert response.status_code == 200
    assert "<title>Breeder</title>" in response.text
    assert response.headers["cache-control"] == "no-cache"


async def test_missing_files_are_404_not_html(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/assets/missing-999.js", headers=BREEDER)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_nothing_outside_the_build_is_served(gateway: httpx.AsyncClient) -> None:
    for path in ("/../../secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/..%2f..%2fsecret.txt"):
        response = await gateway.get(path, headers=BREEDER)
        assert "outside the build" not in response.text, path


async def test_unbuilt_app_says_so(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/", headers={"Host": "admin.localhost"})
    assert response.status_code == 503
    assert "not built yet" in response.text
    assert response.headers["content-type"].startswith("text/html")


async def test_static_sites_are_read_only(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post("/", headers=BREEDER, content=b"x")
    assert response.status_code == 405
