"""Service API keys and the app's routes, for the scope and permission matrices."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute

from tests.conftest import Actor

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every API route of the app, including those of included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)


def operations(app: FastAPI) -> list[tuple[str, str]]:
    found = {
        (method, route.path)
        for route in api_routes(app.routes)
        if route.path.startswith("/v1/")
        for method in route.methods or ()
        if method != "HEAD"
    }
    return sorted(found)


def concrete(path: str) -> str:
    """The path with every ``{param}`` replaced by a fresh id."""
    parts = [str(uuid.uuid4()) if p.startswith("{") else p for p in path.split("/")]
    return "/".join(parts)


async def new_key(admin: Actor, *scopes: str, **fields: Any) -> dict[str, Any]:
    response = await admin.client.post(
        "/v1/api-keys", json={"name": "pusher", "scopes": list(scopes), **fields}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def with_key(app: FastAPI, secret: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
        headers={"Authorization": f"Bearer {secret}"},
    )
