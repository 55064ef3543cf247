"""Check-ins over HTTP: single, history, rules, roll-up, idempotency, batch."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from persistence.tables import CheckInRow, KeyResultRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import key_result, make_cycle, make_unit, objective
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective


@dataclass
class Org:
    """A company (head: boss) with a team; member and peer report to boss; an active quarter."""

    root: str
    team: str
    boss: Actor
    member: Actor
    peer: Actor
    quarter: str


@pytest.fixture
async def org(admin: Actor, make_actor: MakeActor) -> Org:
    root = await make_unit(admin.client, "Company")
    team = await make_unit(admin.client, "Team", parent_id=root)
    boss = await make_actor(unit_id=root)
    await admin.client.patch(f"/v1/org-units/{root}", json={"head_id": boss.id})
    member = await make_actor(unit_id=team, manager_id=boss.id)
    peer = await make_actor(unit_id=team, manager_id=boss.id)
    quarter = (await make_cycle(admin.client, state="active"))["id"]
    return Org(root, team, boss, member, peer, quarter)


def at(day: int, hour: int = 12) -> str:
    return datetime(2026, 1, day, hour, tzinfo=UTC).isoformat()


async def check_in(actor: Actor, kr_id: str, status: int = 201, **body: Any) -> dict[str, Any]:
    response = await actor.client.post(f"/v1/key-results/{kr_id}/check-ins", json=body)
    assert response.status_code == status, response.text
    answer: dict[str, Any] = response.json()
    return answer


class TestSingleCheckIn:
    async def test_moves_the_value_score_confidence_and_objective(
        self, app: FastAPI, org: Org
    ) -> None:
        okr = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, key_results=[KR(target="8")]
        )
        kr_id = okr.key_result_ids[0]

        point = await check_in(
            org.member, kr_id, value=5, confidence=7, note="on track", observed_at=at(10)
        )
        kr = await key_result(org.peer.client, kr_id)
        obj = await objective(org.peer.client, okr.id)

        assert point["value"] == 5
        assert point["author_id"] == org.member.id
        assert point["source"] == "manual"
        assert (kr["current_value"], kr["score"], kr["confidence"]) == (5, 0.63, 7)
        assert kr["version"] == 1
        assert (obj["score"], obj["grade"]) == (0.63, "fair")

    async def test_history_latest_observed_first_and_a_late_point_does_not_override(
        self, app: FastAPI, org: Org
    ) -> None:
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id = okr.key_result_ids[0]
        first = await check_in(org.member, kr_id, value=40, observed_at=at(10))
        newer = await check_in(org.member, kr_id, value=60, observed_at=at(12))
        late = await check_in(org.member, kr_id, value=10, observed_at=at(11))
        tie = await check_in(org.member, kr_id, value=70, observed_at=at(12))

        kr = await key_result(org.peer.client, kr_id)
        page1 = await org.peer.client.get(f"/v1/key-results/{kr_id}/check-ins", params={"limit": 2})
        page2 = await org.peer.client.get(
            f"/v1/key-results/{kr_id}/check-ins",
            params={"limit": 2, "cursor": page1.json()["next_cursor"]},
        )

        assert kr["current_value"] == 70
        assert kr["score"] == 0.7
        ids = [c["id"] for c in page1.json()["items"] + page2.json()["items"]]
        assert ids == [tie["id"], newer["id"], late["id"], first["id"]]
        assert page2.json()["next_cursor"] is None

    async def test_a_tie_with_a_point_received_later_keeps_the_stored_value(
        self, app: FastAPI, org: Org
    ) -> None:
        """Same observed_at, and the stored point was received 'later' (a replica whose clock runs
        ahead): the stored point stays the current one; the new one is kept in the history."""
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id = okr.key_result_ids[0]
        observed = datetime(2026, 1, 12, 12, tzinfo=UTC)
        async with app.state.session_factory() as session, session.begin():
            session.add(
                CheckInRow(
                    key_result_id=kr_id,
                    value=Decimal(55),
                    observed_at=observed,
                    received_at=datetime.now(UTC) + timedelta(hours=1),
                )
            )
            kr_row = await session.get(KeyResultRow, kr_id)
            assert kr_row is not None
            kr_row.current_value, kr_row.last_check_in_at = Decimal(55), observed

        tied = await check_in(org.member, kr_id, value=70, observed_at=observed.isoformat())
        kr = await key_result(org.peer.client, kr_id)
        history = await org.peer.client.get(f"/v1/key-results/{kr_id}/check-ins")

        assert kr["current_value"] == 55
        assert kr["score"] == 0.55
        assert [c["value"] for c in history.json()["items"]] == [55, 70]
        assert history.json()["items"][1]["id"] == tied["id"]

    async def test_duplicate_external_id_answers_the_stored_check_in_with_200(
        self, app: FastAPI, org: Org
    ) -> None:
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        other = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id = okr.key_result_ids[0]
        body: dict[str, Any] = {
            "value": 30,
            "source": "jira",
            "external_id": "J-1",
            "observed_at": at(5),
        }
        created = await check_in(org.member, kr_id, **body)

        again = await check_in(org.member, kr_id, 200, **{**body, "value": 99})
        elsewhere = await org.member.client.post(
            f"/v1/key-results/{other.key_result_ids[0]}/check-ins", json=body
        )
        history = await org.member.client.get(f"/v1/key-results/{kr_id}/check-ins")

        assert again == created
        assert_problem(elsewhere, 409, "check_in.external_id_taken")
        assert len(history.json()["items"]) == 1

    async def test_refusals(self, app: FastAPI, org: Org, admin: Actor) -> None:
        draft = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, state="draft"
        )
        planning = (await make_cycle(admin.client, state="planning"))["id"]
        planned = await seed_objective(app, cycle_id=planning, owner_id=org.member.id)
        milestone = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, key_results=[KR(kind="milestone")]
        )
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id, ms_id = okr.key_result_ids[0], milestone.key_result_ids[0]
        await check_in(org.member, kr_id, value=10, confidence=5, observed_at=at(3))
        await check_in(org.member, ms_id, done=True, observed_at=at(3))
        future = (datetime.now(UTC) + timedelta(minutes=10)).isoformat()

        on_draft = await org.member.client.post(
            f"/v1/key-results/{draft.key_result_ids[0]}/check-ins", json={"value": 1}
        )
        on_planning = await org.member.client.post(
            f"/v1/key-results/{planned.key_result_ids[0]}/check-ins", json={"value": 1}
        )
        toggled_back = await check_in(org.member, ms_id, done=False, observed_at=at(4))
        no_note = await org.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 20, "confidence": 3}
        )
        ahead = await org.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 20, "observed_at": future}
        )
        wrong_kind = await org.member.client.post(
            f"/v1/key-results/{ms_id}/check-ins", json={"value": 1, "confidence": 11}
        )
        bad_source = await org.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 1, "source": "Bad Source"}
        )
        by_peer = await org.peer.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 1}
        )
        hidden = await org.peer.client.post(
            f"/v1/key-results/{draft.key_result_ids[0]}/check-ins", json={"value": 1}
        )
        missing = await org.member.client.post("/v1/key-results/nope/check-ins", json={"value": 1})

        assert_problem(on_draft, 409, "check_in.objective_not_agreed")
        assert_problem(on_planning, 409, "check_in.cycle_not_open")
        assert toggled_back["done"] is False
        assert (await key_result(org.member.client, ms_id))["score"] == 0
        assert_problem(no_note, 409, "check_in.confidence_note_required")
        assert_problem(ahead, 409, "check_in.observed_in_future")
        assert_problem(wrong_kind, 422, "request.invalid")
        assert_problem(bad_source, 422, "request.invalid")
        assert_problem(by_peer, 403, "check_in.not_allowed")
        assert_problem(hidden, 404, "key_result.not_found")
        assert_problem(missing, 404, "key_result.not_found")

    async def test_manager_and_initiative_assignee_may_check_in(
        self, app: FastAPI, org: Org
    ) -> None:
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id = okr.key_result_ids[0]
        initiative = await org.member.client.post(
            f"/v1/key-results/{kr_id}/initiatives",
            json={"title": "help", "assignee_id": org.peer.id},
        )
        assert initiative.status_code == 201, initiative.text

        await check_in(org.boss, kr_id, value=10, observed_at=at(2))
        await check_in(org.peer, kr_id, value=20, observed_at=at(3))


class TestRollupThroughCheckIns:
    async def test_worked_example_scores_0_669_fair(self, app: FastAPI, org: Org) -> None:
        okr = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_id=org.member.id,
            key_results=[
                KR(weight="30", target="8"),
                KR(weight="40", target="12"),
                KR(weight="30", target="10"),
            ],
        )

        for kr_id, value in zip(okr.key_result_ids, (5, 9, 6), strict=True):
            await check_in(org.member, kr_id, value=value, observed_at=at(20))
        obj = await objective(org.member.client, okr.id)

        assert [kr["score"] for kr in obj["key_results"]] == [0.63, 0.75, 0.6]
        assert (obj["score"], obj["grade"]) == (0.669, "fair")

    async def test_derived_roll_up_through_two_levels(self, app: FastAPI, org: Org) -> None:
        company = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_type="unit",
            owner_id=org.root,
            key_results=[KR(kind="derived")],
        )
        team = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_type="unit",
            owner_id=org.team,
            key_results=[KR(kind="derived")],
        )
        mine = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        for child, parent in ((team, company), (mine, team)):
            edge = await org.boss.client.post(
                "/v1/alignments",
                json={
                    "child_objective_id": child.id,
                    "parent_key_result_id": parent.key_result_ids[0],
                },
            )
            assert edge.status_code == 201, edge.text

        await check_in(org.member, mine.key_result_ids[0], value=64, observed_at=at(15))
        refused = await org.boss.client.post(
            f"/v1/key-results/{team.key_result_ids[0]}/check-ins", json={"value": 1}
        )

        for okr in (mine, team, company):
            obj = await objective(org.peer.client, okr.id)
            assert (obj["score"], obj["grade"]) == (0.64, "fair")
        assert_problem(refused, 409, "check_in.derived_key_result")


class TestBatch:
    async def test_mixed_items_are_answered_one_by_one(self, app: FastAPI, org: Org) -> None:
        okr = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_id=org.member.id,
            key_results=[KR(weight="50", metric_key="sales.signed"), KR(weight="50")],
        )
        keyed, plain = okr.key_result_ids
        items: list[Any] = [
            {"metric_key": "sales.signed", "value": 50, "source": "crm", "external_id": "1"},
            {"key_result_id": plain, "value": "80"},
            {"key_result_id": plain, "value": 80, "observed_at": at(9)},
            {"metric_key": "unknown", "value": 1},
            {"key_result_id": keyed, "done": True},
            {"key_result_id": plain, "value": 10, "unknown_field": 1},
            {"metric_key": "sales.signed", "value": 70, "source": "crm", "external_id": "1"},
        ]

        response = await org.member.client.post("/v1/check-ins/batch", json={"items": items})

        assert response.status_code == 200, response.text
        body = response.json()
        outcomes = [(r["index"], r["outcome"]) for r in body["items"]]
        assert outcomes == [
            (0, "created"),
            (1, "refused"),
            (2, "created"),
            (3, "refused"),
            (4, "refused"),
            (5, "refused"),
            (6, "duplicate"),
        ]
        errors = [r["error"]["code"] if r["error"] else None for r in body["items"]]
        assert errors[1] == errors[5] == "request.invalid"
        assert errors[3] == "key_result.not_found"
        assert errors[4] == "check_in.invalid"  # value missing and done not allowed
        assert body["items"][6]["check_in_id"] == body["items"][0]["check_in_id"]
        assert (body["created"], body["duplicate"], body["refused"]) == (2, 1, 4)
        obj = await objective(org.member.client, okr.id)
        assert [kr["score"] for kr in obj["key_results"]] == [0.5, 0.8]
        assert obj["score"] == 0.65

    @pytest.mark.parametrize("not_an_object", ["not an object", 7, None, [], True])
    async def test_an_item_that_is_not_an_object_refuses_the_whole_batch(
        self, app: FastAPI, org: Org, not_an_object: Any
    ) -> None:
        okr = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, key_results=[KR(weight="100")]
        )
        (kr_id,) = okr.key_result_ids
        good = {"key_result_id": kr_id, "value": 50}

        response = await org.member.client.post(
            "/v1/check-ins/batch", json={"items": [good, not_an_object, good]}
        )

        body = assert_problem(response, 422, "request.invalid")
        assert [e["field"] for e in body["errors"]] == ["items.1"]  # type: ignore[attr-defined]
        history = await org.member.client.get(f"/v1/key-results/{kr_id}/check-ins")
        assert history.json()["items"] == []

    async def test_replays_are_idempotent(self, app: FastAPI, org: Org) -> None:
        okr = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        kr_id = okr.key_result_ids[0]
        items = [
            {"key_result_id": kr_id, "value": v, "source": "etl", "external_id": f"e{v}"}
            for v in (10, 20)
        ]
        headers = {"Idempotency-Key": "batch-1"}

        first = await org.member.client.post(
            "/v1/check-ins/batch", json={"items": items}, headers=headers
        )
        replay = await org.member.client.post(
            "/v1/check-ins/batch", json={"items": items}, headers=headers
        )
        resent = await org.member.client.post("/v1/check-ins/batch", json={"items": items})
        shape = await org.member.client.post("/v1/check-ins/batch", json={"items": []})

        assert first.json()["created"] == 2
        assert replay.json() == first.json()
        assert [r["outcome"] for r in resent.json()["items"]] == ["duplicate", "duplicate"]
        assert_problem(shape, 422, "request.invalid")
        history = await org.member.client.get(f"/v1/key-results/{kr_id}/check-ins")
        assert len(history.json()["items"]) == 2

    async def test_every_stored_check_in_is_in_the_feed_in_commit_order(
        self, app: FastAPI, admin: Actor, org: Org
    ) -> None:
        okr = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_id=org.member.id,
            key_results=[KR(weight="50", metric_key="feed.k"), KR(weight="50")],
        )
        keyed, plain = okr.key_result_ids
        start = (await admin.client.get("/v1/events", params={"limit": 500})).json()["items"]
        items: list[Any] = [
            {"metric_key": "feed.k", "value": 10, "source": "etl", "external_id": "a"},
            {"key_result_id": plain, "value": 20, "observed_at": at(3)},
            {"metric_key": "unknown", "value": 1},
            {"key_result_id": plain, "value": 30, "observed_at": at(2), "note": "late \u00e9"},
        ]

        batch = (await org.member.client.post("/v1/check-ins/batch", json={"items": items})).json()
        await admin.client.patch("/v1/policy", json={"stale_after_days": 9})
        single = await check_in(org.member, keyed, value=40, source="etl", external_id="b")
        again = await org.member.client.post("/v1/check-ins/batch", json={"items": items[:1]})
        feed = (
            await admin.client.get(
                "/v1/events", params={"after": start[-1]["cursor"], "limit": 500}
            )
        ).json()
        paged: list[dict[str, Any]] = []
        after, more = start[-1]["cursor"], True
        while more:
            page = (
                await admin.client.get("/v1/events", params={"after": after, "limit": 2})
            ).json()
            paged += page["items"]
            after, more = page["next_cursor"], page["has_more"]

        created = [r["check_in_id"] for r in batch["items"] if r["outcome"] == "created"]
        assert [r["outcome"] for r in again.json()["items"]] == ["duplicate"]
        entries = feed["items"]
        assert [(e["type"], e["entity_id"]) for e in entries] == [
            ("check_in.created", created[0]),
            ("check_in.created", created[1]),
            ("check_in.created", created[2]),
            ("policy.updated", entries[3]["entity_id"]),
            ("check_in.created", single["id"]),
        ]
        cursors = [int(e["cursor"]) for e in entries]
        assert cursors == sorted(set(cursors)) and cursors[0] > int(start[-1]["cursor"])
        assert paged == entries
        stored = {
            c["id"]: c
            for kr_id in (keyed, plain)
            for c in (await org.member.client.get(f"/v1/key-results/{kr_id}/check-ins")).json()[
                "items"
            ]
        }
        assert [e["data"] for e in entries if e["entity"] == "check_in"] == [
            stored[i] for i in [*created, single["id"]]
        ]
        assert entries[2]["data"]["note"] == "late \u00e9"
        assert all(e["entity"] == "check_in" for e in entries if e["type"] == "check_in.created")


class TestConcurrency:
    async def test_parallel_check_ins_lose_nothing(self, app: FastAPI, org: Org) -> None:
        """24 parallel check-ins on one KR and 8 on its sibling, each in its own client.

        The rate limiter stays on: its counters use their own small pool, so more parallel
        requests than the main pool holds still finish.
        """
        okr = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_id=org.member.id,
            key_results=[KR(weight="50", target="40"), KR(weight="50", target="40")],
        )
        first, second = okr.key_result_ids
        pushes = [(first, v, at(1 + v % 20, v % 24)) for v in range(1, 25)]
        pushes += [(second, v, at(v, 3)) for v in range(1, 9)]
        clients = [
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://test",
                headers={"Authorization": f"Bearer {org.member.token}"},
            )
            for _ in pushes
        ]
        try:
            answers = await asyncio.gather(
                *(
                    client.post(
                        f"/v1/key-results/{kr_id}/check-ins",
                        json={"value": value, "observed_at": observed},
                    )
                    for client, (kr_id, value, observed) in zip(clients, pushes, strict=True)
                )
            )
        finally:
            for client in clients:
                await client.aclose()

        assert [a.status_code for a in answers] == [201] * len(pushes), answers[0].text
        obj = await objective(org.member.client, okr.id)
        scores = []
        for kr_id in (first, second):
            history = await org.member.client.get(
                f"/v1/key-results/{kr_id}/check-ins", params={"limit": 100}
            )
            mine = [(observed, value) for k, value, observed in pushes if k == kr_id]
            latest = max(mine)[1]
            kr = next(k for k in obj["key_results"] if k["id"] == kr_id)
            assert len(history.json()["items"]) == len(mine)
            assert history.json()["items"][0]["value"] == latest
            assert kr["current_value"] == latest
            expected = (Decimal(latest) / 40).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert kr["score"] == float(expected)
            scores.append(kr["score"])
        assert obj["score"] == pytest.approx(sum(scores) / 2, abs=0.0011)
