"""Check-ins over HTTP: single, history, rules, roll-up, idempotency, batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.api.alignment_seed import (
    KR,
    Seeded,
    key_result,
    make_cycle,
    make_unit,
    objective,
    seed_objective,
)
from tests.api.test_errors_and_auth import assert_problem
from tests.conftest import Actor, MakeActor


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
    quarter = await make_cycle(admin.client)
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
