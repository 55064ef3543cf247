"""Unknown query parameters are a 422 naming each of them (api.md), never silently ignored."""

from __future__ import annotations

import httpx
import pytest

from tests.support.problems import assert_problem


@pytest.mark.parametrize(
    "path",
    [
        "/v1/dependencies",
        "/v1/objectives",
        "/v1/cycles",
        "/v1/alignments",
        "/v1/people",
        "/v1/events",
    ],
)
async def test_an_unknown_query_parameter_is_refused_by_name(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, params={"bogus": "1", "sort": "title", "limit": "5"})

    body = assert_problem(response, 422, "request.invalid")
    fields = sorted(e["field"] for e in body["errors"])  # type: ignore[attr-defined]
    assert fields == ["query.bogus", "query.sort"], body


async def test_known_parameters_still_pass(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/objectives", params={"limit": "5", "state": "draft"})

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/v1/me/inbox", "on", "0"),
        ("/v1/me/inbox", "on", "20261201"),
        ("/v1/people", "active", "1"),
        ("/v1/people", "active", "yes"),
        ("/v1/webhooks", "active", "0"),
        ("/v1/api-keys", "revoked", "on"),
    ],
)
async def test_typed_parameters_take_only_their_own_spelling(
    client: httpx.AsyncClient, path: str, name: str, value: str
) -> None:
    """A date is ``YYYY-MM-DD`` and a flag ``true`` or ``false``, as the schema says: a lax parse
    would read ``0`` as 1970-01-01 or as false."""
    response = await client.get(path, params={name: value})

    body = assert_problem(response, 422, "request.invalid")
    assert [e["field"] for e in body["errors"]] == [f"query.{name}"], body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/v1/me/inbox", "on", "2026-12-01"),
        ("/v1/people", "active", "true"),
        ("/v1/webhooks", "active", "false"),
        ("/v1/api-keys", "revoked", "false"),
    ],
)
async def test_typed_parameters_in_their_own_spelling_pass(
    client: httpx.AsyncClient, path: str, name: str, value: str
) -> None:
    response = await client.get(path, params={name: value})

    assert response.status_code == 200, response.text
