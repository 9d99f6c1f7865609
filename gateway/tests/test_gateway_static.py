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
    assert asset.text == "console.log('breeder');\n" * 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert index.headers["cache-control"] == "no-cache"
    robots = await gateway.get("/robots.txt", headers=BREEDER)
    assert robots.text == "User-agent: *"
    # Not content-hashed: revalidated on every use.
    assert robots.headers["cache-control"] == "no-cache"


async def test_client_side_routes_fall_back_to_index(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/animals/CR-062/pedigree", headers=BREEDER)
    assert response.status_code == 200
    assert "<title>Breeder</title>" in response.text
    assert response.headers["cache-control"] == "no-cache"


async def test_missing_files_are_404_not_html(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/assets/missing-999.js", headers=BREEDER)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404
    # Never cached for good: the file may be deployed a moment later.
    assert "immutable" not in response.headers.get("cache-control", "")


async def test_revalidation_answers_304(gateway: httpx.AsyncClient) -> None:
    for path in ("/", "/assets/app-1234.js"):
        first = await gateway.get(path, headers=BREEDER)
        again = await gateway.get(path, headers={**BREEDER, "If-None-Match": first.headers["etag"]})
        assert again.status_code == 304, path


async def test_assets_and_pages_are_compressed(gateway: httpx.AsyncClient) -> None:
    for encoding in ("zstd", "gzip"):
        for path in ("/assets/app-1234.js", "/"):
            response = await gateway.get(path, headers={**BREEDER, "Accept-Encoding": encoding})
            assert response.status_code == 200
            assert response.headers["content-encoding"] == encoding, path
            assert "accept-encoding" in response.headers["vary"].lower()
    asset = await gateway.get("/assets/app-1234.js", headers={**BREEDER, "Accept-Encoding": "gzip"})
    # httpx decodes: what the browser runs is the file itself, sent in far fewer bytes.
    assert asset.text == "console.log('breeder');\n" * 200
    assert int(asset.headers["content-length"]) < len(asset.text) // 10
    plain = await gateway.get("/assets/app-1234.js", headers={**BREEDER, "Accept-Encoding": ""})
    assert "content-encoding" not in plain.headers


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
    assert response.headers["allow"] == "GET, HEAD"
    assert response.headers["content-type"] == "application/problem+json"
