from __future__ import annotations

import httpx

PASSWORD = "Sturdy-gecko-42"


async def test_register_creates_user_and_personal_vivarium(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "Breeder@Example.com", "password": PASSWORD, "display_name": "Breeder"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["email"] == "Breeder@example.com"

    login = await client.post("/api/v1/auth/login", json={"email": "breeder@example.com", "password": PASSWORD})
    assert login.status_code == 200, login.text
    tokens = login.json()
    assert tokens["token_type"] == "bearer"
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    memberships = me.json()["memberships"]
    assert len(memberships) == 1
    assert memberships[0]["role"] == "herpetologist"
    assert memberships[0]["is_personal"] is True


async def test_duplicate_email_in_any_case_is_409(client: httpx.AsyncClient) -> None:
    body = {"email": "dup@example.com", "password": PASSWORD, "display_name": "A"}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 201
    again = await client.post("/api/v1/auth/register", json={**body, "email": "DUP@example.com"})
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["status"] == 409


async def test_weak_password_is_422_saying_why(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "weak@example.com", "password": "short", "display_name": "W"}
    )
    assert response.status_code == 422
    body = response.json()
    assert "at least 10 characters" in body["detail"]
    assert body["errors"]
