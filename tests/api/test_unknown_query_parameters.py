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
