"""Policy ``publish_on`` (okr-domain §4): before publication an objective is visible as a draft
is (its owner side, their manager chain, so its approver, and admins), on every read path."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import Actor, MakeActor
from tests.support.builders import (
    Team,
    make_cycle,
    make_team,
    post_ok,
    ready_objective,
)
from tests.support.problems import assert_problem


@pytest.fixture
async def team(admin: Actor, make_actor: MakeActor) -> Team:
    return await make_team(admin, make_actor)


async def proposed_objective(team: Team, admin: Actor) -> tuple[str, str]:
    """The member's objective, submitted (proposed to their manager); its id and cycle id."""
    cycle = await make_cycle(admin.client)
    made = await ready_objective(
        team.member.client, cycle["id"], team.member.id, title="PROPOSED-TITLE"
    )
    await post_ok(team.member.client, f"/v1/objectives/{made['id']}/submit", None, 200)
    return made["id"], cycle["id"]


async def reads(client: httpx.AsyncClient, objective_id: str, cycle_id: str) -> list[bool]:
    """Whether the objective shows in: its single read, the list, the graph, the export, the
    feed, the report's count."""
    single = await client.get(f"/v1/objectives/{objective_id}")
    listed = await client.get("/v1/objectives", params={"cycle_id": cycle_id})
    graph = await client.get(f"/v1/cycles/{cycle_id}/alignment-graph")
    export = await client.get(
        "/v1/exports/objectives", params={"format": "ndjson", "cycle_id": cycle_id}
    )
    feed = await client.get("/v1/events", params={"limit": "500"})
    report = await client.get(f"/v1/cycles/{cycle_id}/report")
    assert single.status_code in (200, 404), single.text
    for response in (listed, graph, export, feed, report):
        assert response.status_code == 200, response.text
    return [
        single.status_code == 200,
        objective_id in listed.text,
        objective_id in graph.text,
        objective_id in export.text,
        "PROPOSED-TITLE" in feed.text,
        report.json()["objectives"] == 1,
    ]


async def test_by_default_a_proposed_objective_is_seen_as_a_draft_is(
    admin: Actor, team: Team
) -> None:
    objective_id, cycle_id = await proposed_objective(team, admin)

    assert await reads(team.peer.client, objective_id, cycle_id) == [False] * 6
    assert await reads(team.manager.client, objective_id, cycle_id) == [True] * 6
    assert await reads(team.boss.client, objective_id, cycle_id) == [True] * 6
    assert await reads(team.member.client, objective_id, cycle_id) == [True] * 6
    hidden = await team.peer.client.get(f"/v1/objectives/{objective_id}")
    unknown = await team.peer.client.get(f"/v1/objectives/{cycle_id}")
    assert_problem(hidden, 404, "objective.not_found")
    assert hidden.json()["detail"].replace(objective_id, "X") == unknown.json()["detail"].replace(
        cycle_id, "X"
    )

    # Once agreed, it is public
    await post_ok(team.manager.client, f"/v1/objectives/{objective_id}/approve", None, 200)
    assert await reads(team.peer.client, objective_id, cycle_id) == [True] * 6


async def test_publish_on_proposed_makes_a_proposal_public(admin: Actor, team: Team) -> None:
    objective_id, cycle_id = await proposed_objective(team, admin)

    changed = await admin.client.patch("/v1/policy", json={"publish_on": "proposed"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["publish_on"] == "proposed"

    assert await reads(team.peer.client, objective_id, cycle_id) == [True] * 6
    kr_id = (await team.peer.client.get(f"/v1/objectives/{objective_id}")).json()["key_results"][0][
        "id"
    ]
    assert (await team.peer.client.get(f"/v1/key-results/{kr_id}")).status_code == 200

    # A draft stays a draft whatever the policy
    returned = await team.manager.client.post(
        f"/v1/objectives/{objective_id}/return", json={"reason": "sharpen KR two"}
    )
    assert returned.status_code == 200, returned.text
    assert (await team.peer.client.get(f"/v1/objectives/{objective_id}")).status_code == 404


async def test_publish_on_is_a_policy_field_with_two_values(admin: Actor) -> None:
    default = await admin.client.get("/v1/policy")
    wrong = await admin.client.patch("/v1/policy", json={"publish_on": "submitted"})

    assert default.json()["publish_on"] == "agreed"
    assert wrong.status_code == 422, wrong.text
