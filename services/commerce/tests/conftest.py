from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from repti_commerce.main import create_app


@pytest.fixture(scope="session")
def app() -> FastAPI:
    return create_app()


@pytest.fixture
def client(app: FastAPI, client_for: Callable[[FastAPI], httpx.AsyncClient]) -> httpx.AsyncClient:
    return client_for(app)
