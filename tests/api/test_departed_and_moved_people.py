"""What leaving and moving does to OKRs (issue: people and structure in, §3).

A deactivated owner's objectives stay and read ``owner_inactive`` (single reads, lists,
reports); what waits on a departed manager (approvals, review confirmations) moves to the next
active manager up; a moved person's drafts follow their new manager.
"""

from __future__ import annotations

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_team, objective, post_ok, ready_objective
from tests.support.problems import assert_problem


async def test_a_departed_managers_approvals_move_up_and_the_owner_reads_inactive(
    admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_team(admin, make_actor)
    cycle = await make_cycle(admin.client)
    draft = await ready_objective(team.member.client, cycle["id"], team.member.id)
    await post_ok(team.member.client, f"/v1/objectives/{draft['id']}/submit", None, 200)

    refused = await team.boss.client.post(f"/v1/objectives/{draft['id']}/approve")
    assert_problem(refused, 403, "objective.not_approver")  # the manager approves, not the boss

    gone = await admin.client.patch(f"/v1/people/{team.manager.id}", json={"active": False})
    assert gone.status_code == 200, gone.text
    approved = await team.boss.client.post(f"/v1/objectives/{draft['id']}/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "agreed"
    assert approved.json()["owner_inactive"] is False

    left = await admin.client.patch(f"/v1/people/{team.member.id}", json={"active": False})
    assert left.status_code == 200, left.text
    kept = await objective(admin.client, draft["id"])
    assert kept["state"] == "agreed" and kept["owner_inactive"] is True
    listed = await admin.client.get("/v1/objectives", params={"cycle_id": cycle["id"]})
    flags = {o["id"]: o["owner_inactive"] for o in listed.json()["items"]}
    assert flags == {draft["id"]: True}
    report = await admin.client.get(f"/v1/cycles/{cycle['id']}/report")
    loads = {
        row["owner_id"]: row["owner_inactive"] for row in report.json()["objectives_per_owner"]
    }
    assert loads[team.member.id] is True
    assert loads.get(team.peer.id, False) is False


async def test_a_moved_persons_drafts_follow_their_new_manager(
    admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_team(admin, make_actor)
    cycle = await make_cycle(admin.client)
    draft = await ready_objective(team.member.client, cycle["id"], team.member.id)

    moved = await admin.client.patch(
        f"/v1/people/{team.member.id}", json={"manager_id": team.peer.id}
    )
    assert moved.status_code == 200, moved.text
    await post_ok(team.member.client, f"/v1/objectives/{draft['id']}/submit", None, 200)

    old = await team.manager.client.post(f"/v1/objectives/{draft['id']}/approve")
    assert_problem(old, 403, "objective.not_approver")
    new = await team.peer.client.post(f"/v1/objectives/{draft['id']}/approve")
    assert new.status_code == 200, new.text
    assert new.json()["approved_by_id"] == team.peer.id
