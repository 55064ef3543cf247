"""``/v1/cycles``: nesting, every violation at once, lifecycle, ETag and If-Match."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import httpx

from tests.support.etags import tag_version
from tests.support.problems import assert_problem

YEAR = {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}


async def cycle(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/v1/cycles", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


class TestCycleDefinition:
    async def test_quarter_inside_a_year(self, client: httpx.AsyncClient) -> None:
        year = await cycle(client, **YEAR)

        quarter = await cycle(
            client,
            name="Q1",
            kind="quarterly",
            starts_on="2026-01-01",
            ends_on="2026-03-31",
            parent_id=year["id"],
            planning_deadline="2026-01-15",
            review_deadline="2026-03-31",
        )

        assert quarter["state"] == "planning"
        assert quarter["version"] == 1
        assert quarter["parent_id"] == year["id"]
        listed = await client.get("/v1/cycles", params={"parent_id": year["id"]})
        assert [c["id"] for c in listed.json()["items"]] == [quarter["id"]]

    async def test_every_violation_is_named_at_once(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/v1/cycles",
            json={
                "name": "Backwards",
                "kind": "annual",
                "starts_on": "2026-12-31",
                "ends_on": "2026-01-01",
                "planning_deadline": "2027-02-01",
                "submission_deadline": "2027-01-10",
                "agreement_deadline": "2027-01-05",
            },
        )

        body = assert_problem(response, 409, "cycle.invalid")
        errors = body["errors"]
        assert [e["code"] for e in errors] == [  # type: ignore[attr-defined]
            "cycle.ends_before_start",
            "cycle.deadlines_out_of_order",
        ]
        assert errors[1]["field"] == "agreement_deadline"  # type: ignore[index]

    async def test_month_outside_its_quarter_or_under_a_year_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        year = await cycle(client, **YEAR)

        response = await client.post(
            "/v1/cycles",
            json={
                "name": "M",
                "kind": "monthly",
                "starts_on": "2027-01-01",
                "ends_on": "2027-01-31",
                "parent_id": year["id"],
            },
        )

        body = assert_problem(response, 409, "cycle.invalid")
        codes = {e["code"] for e in body["errors"]}  # type: ignore[attr-defined]
        assert codes == {"cycle.parent_kind", "cycle.outside_parent"}

    async def test_shrinking_a_year_below_its_quarter_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        year = await cycle(client, **YEAR)
        await cycle(
            client,
            name="Q4",
            kind="quarterly",
            starts_on="2026-10-01",
            ends_on="2026-12-31",
            parent_id=year["id"],
        )

        response = await client.patch(f"/v1/cycles/{year['id']}", json={"ends_on": "2026-11-30"})

        assert_problem(response, 409, "cycle.child_outside")


class TestCycleLifecycle:
    async def test_planning_active_review_closed(self, client: httpx.AsyncClient) -> None:
        year = await cycle(client, **YEAR)
        path = f"/v1/cycles/{year['id']}"

        states = []
        for action in ("activate", "start-review", "close"):
            response = await client.post(f"{path}/{action}")
            assert response.status_code == 200, response.text
            states.append((response.json()["state"], tag_version(response)))

        assert states == [("active", 2), ("review", 3), ("closed", 4)]

    async def test_illegal_transition_and_closed_edits_are_409(
        self, client: httpx.AsyncClient
    ) -> None:
        year = await cycle(client, **YEAR)
        path = f"/v1/cycles/{year['id']}"

        skip = await client.post(f"{path}/close")
        for action in ("activate", "start-review", "close"):
            await client.post(f"{path}/{action}")
        edit = await client.patch(path, json={"name": "renamed"})

        assert_problem(skip, 409, "cycle.invalid_transition")
        assert_problem(edit, 409, "cycle.closed")

    async def test_if_match_guards_updates_and_actions(self, client: httpx.AsyncClient) -> None:
        year = await cycle(client, **YEAR)
        path = f"/v1/cycles/{year['id']}"
        etag = (await client.get(path)).headers["etag"]

        first = await client.patch(path, json={"name": "Year"}, headers={"If-Match": etag})
        stale_patch = await client.patch(path, json={"name": "Lost"}, headers={"If-Match": etag})
        stale_action = await client.post(f"{path}/activate", headers={"If-Match": etag})

        assert first.status_code == 200
        assert tag_version(first) == 2
        assert first.json()["version"] == 2
        assert_problem(stale_patch, 412, "precondition.failed")
        assert_problem(stale_action, 412, "precondition.failed")
        assert (await client.get(path)).json()["name"] == "Year"

    async def test_delete_only_an_unused_planning_cycle(self, client: httpx.AsyncClient) -> None:
        year = await cycle(client, **YEAR)
        other = await cycle(client, **{**YEAR, "name": "other"})
        await client.post(f"/v1/cycles/{other['id']}/activate")

        deleted = await client.delete(f"/v1/cycles/{year['id']}")
        refused = await client.delete(f"/v1/cycles/{other['id']}")

        assert deleted.status_code == 204
        assert_problem(refused, 409, "cycle.not_planning")


class TestConcurrentWriters:
    async def test_parallel_patches_on_one_version_let_exactly_one_win(
        self, client: httpx.AsyncClient
    ) -> None:
        year = await cycle(client, **YEAR)
        path = f"/v1/cycles/{year['id']}"

        answers = await asyncio.gather(
            *(
                client.patch(path, json={"name": f"writer {i}"}, headers={"If-Match": '"1"'})
                for i in range(8)
            )
        )

        statuses = sorted(a.status_code for a in answers)
        assert statuses.count(200) == 1, [a.text for a in answers]
        assert set(statuses) <= {200, 409, 412}
        for answer in answers:
            if answer.status_code == 409:
                assert answer.json()["code"] == "version.stale"
        winner = next(a for a in answers if a.status_code == 200).json()
        stored = (await client.get(path)).json()
        assert (stored["name"], stored["version"]) == (winner["name"], 2)


class TestCurrentCycle:
    async def test_current_is_the_running_quarter_rather_than_its_year(
        self, client: httpx.AsyncClient
    ) -> None:
        today = date.today()
        assert_problem(await client.get("/v1/current-cycle"), 404, "cycle.not_found")
        assert_problem(await client.get("/v1/current-cycle/report"), 404, "cycle.not_found")
        year = await cycle(
            client,
            name="This year",
            kind="annual",
            starts_on=f"{today.year}-01-01",
            ends_on=f"{today.year}-12-31",
        )
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        quarter_end = date(today.year, quarter_start.month + 2, 28)
        quarter = await cycle(
            client,
            name="This quarter",
            kind="quarterly",
            starts_on=quarter_start.isoformat(),
            ends_on=max(quarter_end, today).isoformat(),
            parent_id=year["id"],
        )
        for started in (year, quarter):
            activated = await client.post(f"/v1/cycles/{started['id']}/activate")
            assert activated.status_code == 200, activated.text

        current = await client.get("/v1/current-cycle")
        report = await client.get("/v1/current-cycle/report")
        by_id = await client.get(f"/v1/cycles/{quarter['id']}/report")

        assert current.status_code == 200, current.text
        assert current.json()["id"] == quarter["id"]
        assert current.headers["etag"]
        assert report.status_code == 200, report.text
        assert report.json() == by_id.json()
