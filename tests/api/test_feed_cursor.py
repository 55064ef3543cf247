"""The feed's cursor: never null, resumable by a poller that stores it; filters; long poll."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.conftest import MakeActor
from tests.support.builders import add_kr, make_cycle, make_objective, post_ok


async def person(client: httpx.AsyncClient, tag: str) -> None:
    await post_ok(client, "/v1/people", {"name": tag, "email": f"{tag}@example.com"})


class Poller:
    """A consumer that keeps only ``next_cursor`` between polls."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.stored: str | None = None
        self.read: list[str] = []

    async def poll_until_nothing_is_new(self, limit: int = 3) -> int:
        polls = 0
        while True:
            params: dict[str, Any] = {"limit": limit}
            if self.stored is not None:
                params["after"] = self.stored
            page = (await self.client.get("/v1/events", params=params)).json()
            polls += 1
            assert page["next_cursor"] is not None
            self.read += [e["cursor"] for e in page["items"]]
            self.stored = page["next_cursor"]
            if not page["items"]:
                assert page["has_more"] is False
                return polls


async def test_a_poller_that_stores_next_cursor_resumes_without_rereading(
    client: httpx.AsyncClient,
) -> None:
    for i in range(7):
        await person(client, f"a{i}")
    poller = Poller(client)

    await poller.poll_until_nothing_is_new()
    first = list(poller.read)
    at_rest = poller.stored
    await poller.poll_until_nothing_is_new()  # nothing new: the cursor stays put
    for i in range(4):
        await person(client, f"b{i}")
    await poller.poll_until_nothing_is_new()

    everything = (await client.get("/v1/events", params={"limit": 500})).json()["items"]
    assert poller.read == [e["cursor"] for e in everything]
    assert len(poller.read) == len(set(poller.read))
    assert at_rest == first[-1]
    assert len(poller.read) - len(first) == 4


async def test_nothing_new_answers_the_callers_cursor(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/v1/events")).json()
    last = everything["items"][-1]["cursor"]

    page = (await client.get("/v1/events", params={"after": last})).json()
    empty = (await client.get("/v1/events", params={"after": "999999999999"})).json()

    assert page == {"items": [], "next_cursor": last, "has_more": False}
    assert empty["next_cursor"] == "999999999999"


async def test_has_more_says_whether_more_is_waiting(client: httpx.AsyncClient) -> None:
    for i in range(3):
        await person(client, f"c{i}")
    total = len((await client.get("/v1/events", params={"limit": 500})).json()["items"])

    short = (await client.get("/v1/events", params={"limit": total - 1})).json()
    exact = (await client.get("/v1/events", params={"limit": total})).json()

    assert short["has_more"] is True and exact["has_more"] is False


async def test_filters_by_type_and_entity(client: httpx.AsyncClient, make_actor: MakeActor) -> None:
    owner = await make_actor()
    cycle = await make_cycle(client, state="active")
    objective = await make_objective(client, cycle["id"], owner.id)
    kr = await add_kr(client, objective["id"])
    for action in ("submit", "approve"):
        await post_ok(client, f"/v1/objectives/{objective['id']}/{action}", None, 200)
    await post_ok(client, f"/v1/key-results/{kr['id']}/check-ins", {"value": 4})

    by_type = (
        await client.get("/v1/events", params={"type": ["cycle.activated", "check_in.created"]})
    ).json()["items"]
    by_entity = (await client.get("/v1/events", params={"entity": "check_in"})).json()["items"]
    both = (
        await client.get("/v1/events", params={"entity": "cycle", "type": "check_in.created"})
    ).json()

    assert [e["type"] for e in by_type] == ["cycle.activated", "check_in.created"]
    assert [(e["type"], e["data"]["value"]) for e in by_entity] == [("check_in.created", 4)]
    assert both["items"] == []


async def test_a_long_poll_returns_what_commits_while_it_waits(
    client: httpx.AsyncClient,
) -> None:
    last = (await client.get("/v1/events")).json()["next_cursor"]

    async def write_soon() -> None:
        await asyncio.sleep(0.3)
        await person(client, "late")

    waiting = asyncio.create_task(
        client.get("/v1/events", params={"after": last, "wait": 20}, timeout=30)
    )
    await write_soon()
    page = (await waiting).json()

    assert [e["type"] for e in page["items"]] == ["person.created"]
    assert page["items"][0]["data"]["name"] == "late"


async def test_wait_is_bounded(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/events", params={"wait": 31})

    assert response.status_code == 422
