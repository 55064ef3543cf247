"""Parallel submissions of one owner cannot pass the objective limit together."""

from __future__ import annotations

import asyncio

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.problems import assert_problem


async def _draft(owner: Actor, cycle_id: str, n: int) -> str:
    created = await owner.client.post(
        "/v1/objectives",
        json={
            "cycle_id": cycle_id,
            "owner_type": "person",
            "owner_id": owner.id,
            "title": f"Objective {n}",
        },
    )
    assert created.status_code == 201, created.text
    objective_id: str = created.json()["id"]
    kr = await owner.client.post(
        f"/v1/objectives/{objective_id}/key-results",
        json={
            "title": "Revenue",
            "weight": 100,
            "start_value": 0,
            "target_value": 10,
            "due_on": "2026-03-31",
        },
    )
    assert kr.status_code == 201, kr.text
    return objective_id


async def test_six_parallel_submissions_agree_with_a_limit_of_five(
    admin: Actor, make_actor: MakeActor
) -> None:
    cycle_id = (await make_cycle(admin.client, state="planning"))["id"]
    owner = await make_actor()
    drafts = [await _draft(owner, cycle_id, n) for n in range(6)]

    answers: list[httpx.Response] = await asyncio.gather(
        *(owner.client.post(f"/v1/objectives/{d}/submit") for d in drafts)
    )

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 200, 200, 200, 200, 409], [a.text for a in answers]
    refused = next(a for a in answers if a.status_code == 409)
    body = assert_problem(refused, 409, "objective.submission_invalid")
    errors = body["errors"]
    assert isinstance(errors, list)
    assert [e["code"] for e in errors] == ["objective.too_many_objectives"]
