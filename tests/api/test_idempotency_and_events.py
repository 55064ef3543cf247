"""``Idempotency-Key`` on creating POSTs and the ``/v1/events`` change feed."""

from __future__ import annotations

import httpx

from tests.conftest import MakeActor
from tests.support.problems import assert_problem

YEAR = {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}


class TestIdempotency:
    async def test_replay_returns_the_first_answer_and_creates_nothing_more(
        self, client: httpx.AsyncClient
    ) -> None:
        key = {"Idempotency-Key": "create-year-2026"}
        reordered = (
            b'{"ends_on": "2026-12-31", "starts_on": "2026-01-01",'
            b' "kind": "annual", "name": "2026"}'
        )

        first = await client.post("/v1/cycles", json=YEAR, headers=key)
        replay = await client.post(
            "/v1/cycles", content=reordered, headers={**key, "content-type": "application/json"}
        )

        assert first.status_code == replay.status_code == 201
        assert replay.json() == first.json()
        assert replay.headers["idempotent-replayed"] == "true"
        assert len((await client.get("/v1/cycles")).json()["items"]) == 1

    async def test_same_key_with_another_body_is_409(self, client: httpx.AsyncClient) -> None:
        key = {"Idempotency-Key": "k-1"}
        await client.post("/v1/cycles", json=YEAR, headers=key)

        response = await client.post("/v1/cycles", json={**YEAR, "name": "other"}, headers=key)

        assert_problem(response, 409, "idempotency.key_reused")
        assert len((await client.get("/v1/cycles")).json()["items"]) == 1

    async def test_keys_belong_to_their_caller(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        other_admin = await make_actor(role="admin")
        key = {"Idempotency-Key": "shared"}

        mine = await client.post("/v1/org-units", json={"name": "Company"}, headers=key)
        theirs = await other_admin.client.post(
            "/v1/people", json={"name": "Bo", "email": "bo@example.com"}, headers=key
        )

        assert mine.status_code == 201
        assert theirs.status_code == 201

    async def test_a_refused_request_does_not_burn_the_key(self, client: httpx.AsyncClient) -> None:
        key = {"Idempotency-Key": "retry-me"}
        bad = {**YEAR, "ends_on": "2025-01-01"}

        refused = await client.post("/v1/cycles", json=bad, headers=key)
        replay = await client.post("/v1/cycles", json=bad, headers=key)

        assert_problem(refused, 409, "cycle.ends_before_start")
        assert_problem(replay, 409, "cycle.ends_before_start")


class TestEvents:
    async def test_every_write_is_in_the_feed_in_order(self, client: httpx.AsyncClient) -> None:
        year = (await client.post("/v1/cycles", json=YEAR)).json()
        await client.post(f"/v1/cycles/{year['id']}/activate")
        await client.patch("/v1/policy", json={"stale_after_days": 5})
        await client.post("/v1/cycles", json={**YEAR, "ends_on": "2025-01-01"})  # refused

        feed = (await client.get("/v1/events")).json()

        types = [e["type"] for e in feed["items"]]
        assert types[-3:] == ["cycle.created", "cycle.activated", "policy.updated"]
        assert types[:2] == ["person.created", "token.created"]  # the bootstrap
        cursors = [int(e["cursor"]) for e in feed["items"]]
        assert cursors == sorted(cursors)
        activated = feed["items"][-2]
        assert activated["entity"] == "cycle"
        assert activated["entity_id"] == year["id"]
        assert activated["data"]["state"] == "active"
        assert feed["next_cursor"] == feed["items"][-1]["cursor"]
        assert feed["has_more"] is False

    async def test_reading_after_a_cursor_in_pages(self, client: httpx.AsyncClient) -> None:
        for i in range(5):
            await client.post("/v1/people", json={"name": f"P{i}", "email": f"p{i}@example.com"})
        everything = (await client.get("/v1/events")).json()["items"]

        seen: list[str] = []
        after = everything[1]["cursor"]
        more = True
        while more:
            page = (await client.get("/v1/events", params={"after": after, "limit": 2})).json()
            seen += [e["cursor"] for e in page["items"]]
            after, more = page["next_cursor"], page["has_more"]

        assert seen == [e["cursor"] for e in everything[2:]]
        assert len(seen) == 5

    async def test_bad_after_is_422(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/v1/events", params={"after": "abc"})

        assert_problem(response, 422, "request.invalid_cursor")
