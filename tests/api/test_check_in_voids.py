"""Voiding a check-in over HTTP (okr-domain §6; api.md ``POST /v1/check-ins/{id}/void``): the
point stays in the history marked voided, no longer counts, and the KR, its objective and the
derived KRs above are recomputed in the same transaction; the feed and the audit trail record it;
re-sending the same ``(source, external_id)`` is ``duplicate``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI

from persistence.tables import AlignmentRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import Team, key_result, make_cycle, make_team, objective, post_ok
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective


def at(day: int) -> str:
    return datetime(2026, 1, day, 12, tzinfo=UTC).isoformat()


async def push(actor: Actor, kr_id: str, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = await post_ok(actor.client, f"/v1/key-results/{kr_id}/check-ins", body)
    return answer


async def void(actor: Actor, check_in_id: str, reason: str = "typo in the value") -> Any:
    return await actor.client.post(f"/v1/check-ins/{check_in_id}/void", json={"reason": reason})


@pytest.fixture
async def team(admin: Actor, make_actor: MakeActor) -> Team:
    return await make_team(admin, make_actor)


@pytest.fixture
async def quarter(admin: Actor) -> str:
    cycle_id: str = (await make_cycle(admin.client, state="active"))["id"]
    return cycle_id


async def test_a_voided_point_stays_in_history_and_the_scores_go_back(
    app: FastAPI, admin: Actor, team: Team, quarter: str
) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="8")]
    )
    kr_id = okr.key_result_ids[0]
    await push(team.member, kr_id, value=4, confidence=6, note="start", observed_at=at(5))
    wrong = await push(team.member, kr_id, value=80, observed_at=at(12), note="oops")
    assert (await key_result(team.peer.client, kr_id))["score"] == 1.0

    response = await void(team.member, wrong["id"])

    assert response.status_code == 200, response.text
    voided = response.json()
    assert voided["voided_by_id"] == team.member.id
    assert voided["void_reason"] == "typo in the value"
    assert voided["voided_at"] is not None
    kr = await key_result(team.peer.client, kr_id)
    assert (kr["current_value"], kr["score"], kr["confidence"]) == (4, 0.5, 6)
    assert kr["last_check_in_at"].startswith("2026-01-05T12:00:00")
    assert kr["forecast"]["points_used"] == 1
    assert (await objective(team.peer.client, okr.id))["score"] == 0.5
    history = (await team.peer.client.get(f"/v1/key-results/{kr_id}/check-ins")).json()["items"]
    assert [(c["value"], c["voided_by_id"], c["void_reason"]) for c in history] == [
        (80, team.member.id, "typo in the value"),
        (4, None, None),
    ]


async def test_a_new_point_after_a_void_is_judged_against_the_counting_history(
    app: FastAPI, team: Team, quarter: str
) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    kr_id = okr.key_result_ids[0]
    await push(team.member, kr_id, value=2, observed_at=at(3))
    wrong = await push(team.member, kr_id, value=9, observed_at=at(20))
    assert (await void(team.member, wrong["id"])).status_code == 200

    await push(team.member, kr_id, value=5, observed_at=at(10))  # older than the voided point

    kr = await key_result(team.member.client, kr_id)
    assert (kr["current_value"], kr["score"]) == (5, 0.5)


async def test_voiding_the_only_point_leaves_no_value_and_rolls_up_to_a_derived_kr(
    app: FastAPI, admin: Actor, team: Team, quarter: str
) -> None:
    parent = await seed_objective(
        app,
        cycle_id=quarter,
        owner_id=team.manager.id,
        key_results=[KR(kind="derived", start=None, target=None)],
    )
    child = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    async with app.state.session_factory() as session, session.begin():
        session.add(
            AlignmentRow(
                child_objective_id=child.id,
                parent_objective_id=parent.id,
                parent_key_result_id=parent.key_result_ids[0],
            )
        )
    kr_id = child.key_result_ids[0]
    point = await push(team.member, kr_id, value=6, observed_at=at(9))
    assert (await objective(admin.client, parent.id))["score"] == 0.6

    assert (await void(admin, point["id"])).status_code == 200

    kr = await key_result(admin.client, kr_id)
    assert (kr["current_value"], kr["score"], kr["last_check_in_at"]) == (None, 0.0, None)
    assert kr["forecast"]["reason"] == "no_check_ins"
    assert (await objective(admin.client, parent.id))["score"] == 0.0


async def test_resending_a_voided_external_id_is_a_duplicate_not_a_resurrection(
    app: FastAPI, team: Team, quarter: str
) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    kr_id = okr.key_result_ids[0]
    await push(team.member, kr_id, value=3, observed_at=at(2))
    pushed = {"value": 9, "observed_at": at(8), "source": "crm", "external_id": "deal-9"}
    wrong = await push(team.member, kr_id, **pushed)
    assert (await void(team.member, wrong["id"])).status_code == 200

    single = await team.member.client.post(f"/v1/key-results/{kr_id}/check-ins", json=pushed)
    batch = await team.member.client.post(
        "/v1/check-ins/batch", json={"items": [{"key_result_id": kr_id, **pushed}]}
    )

    assert single.status_code == 200, single.text
    assert single.json()["id"] == wrong["id"]
    assert single.json()["voided_at"] is not None
    assert batch.json()["items"][0]["outcome"] == "duplicate"
    assert (await key_result(team.member.client, kr_id))["current_value"] == 3


async def test_who_may_void_and_when(app: FastAPI, admin: Actor, team: Team, quarter: str) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    kr_id = okr.key_result_ids[0]
    by_manager = await push(team.manager, kr_id, value=3, observed_at=at(2))
    by_member = await push(team.member, kr_id, value=4, observed_at=at(3))
    by_admin = await push(admin, kr_id, value=5, observed_at=at(4))

    peer = await void(team.peer, by_member["id"])
    manager_on_member = await void(team.manager, by_member["id"])
    owner_on_manager = await void(team.member, by_manager["id"])
    manager_own = await void(team.manager, by_admin["id"])
    admin_any = await void(admin, by_admin["id"])
    again = await void(admin, by_admin["id"])
    blank = await void(admin, by_member["id"], reason="   ")
    unknown = await void(admin, "00000000-0000-0000-0000-000000000000")

    assert_problem(peer, 403, "check_in.void_denied")
    assert_problem(manager_on_member, 403, "check_in.void_denied")
    assert owner_on_manager.status_code == 200, owner_on_manager.text
    assert_problem(manager_own, 403, "check_in.void_denied")
    assert admin_any.status_code == 200, admin_any.text
    assert_problem(again, 409, "check_in.already_voided")
    assert_problem(blank, 409, "check_in.void_reason_required")
    assert_problem(unknown, 404, "check_in.not_found")
    assert (await key_result(admin.client, kr_id))["current_value"] == 4


async def test_no_void_once_the_cycle_is_closed(
    app: FastAPI, admin: Actor, team: Team, quarter: str
) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    point = await push(team.member, okr.key_result_ids[0], value=3, observed_at=at(2))
    for step in ("start-review", "close"):
        await post_ok(admin.client, f"/v1/cycles/{quarter}/{step}", None, 200)

    response = await void(admin, point["id"])

    assert_problem(response, 409, "cycle.closed")


async def test_the_feed_and_the_audit_trail_record_the_void(
    app: FastAPI, admin: Actor, team: Team, quarter: str
) -> None:
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
    )
    point = await push(team.member, okr.key_result_ids[0], value=3, observed_at=at(2))

    assert (await void(team.member, point["id"], reason="sent twice")).status_code == 200

    feed = (await team.peer.client.get("/v1/events", params={"limit": 500})).json()["items"]
    voided = [e for e in feed if e["type"] == "check_in.voided"]
    assert [(e["entity_id"], e["data"]["void_reason"]) for e in voided] == [
        (point["id"], "sent twice")
    ]
    audit = (await admin.client.get("/v1/audit-events", params={"entity_id": point["id"]})).json()[
        "items"
    ]
    assert any(a["action"] == "update" and a["principal_id"] == team.member.id for a in audit), (
        audit
    )
