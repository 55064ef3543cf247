"""Objective workflow: submission rules, approvers, return, cancel, freezing, If-Match, delete."""

from __future__ import annotations

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import (
    add_kr,
    make_cycle,
    make_objective,
    make_team,
    post_ok,
    ready_objective,
)
from tests.support.etags import tag_version
from tests.support.problems import assert_problem


def codes(body: dict[str, object]) -> list[str]:
    return [e["code"] for e in body["errors"]]  # type: ignore[attr-defined]


class TestSubmit:
    async def test_every_violation_is_named_at_once(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        oid = objective["id"]
        await add_kr(client, oid, weight=20, due_on="2026-05-01")
        await add_kr(client, oid, weight=20, start_value=None, target_value=None)
        await add_kr(client, oid, weight=20, due_on=None)
        await add_kr(client, oid, weight=20)
        await add_kr(client, oid, weight=10)

        response = await client.post(f"/v1/objectives/{oid}/submit")

        body = assert_problem(response, 409, "objective.submission_invalid")
        assert sorted(codes(body)) == [
            "key_result.due_outside_cycle",
            "key_result.due_outside_cycle",
            "key_result.target_equals_start",
            "objective.too_many_key_results",
            "objective.weights_not_100",
        ]
        after = await client.get(f"/v1/objectives/{oid}")
        assert after.json()["state"] == "draft" and after.json()["version"] == 1

    async def test_no_key_results(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)

        response = await client.post(f"/v1/objectives/{objective['id']}/submit")

        body = assert_problem(response, 409, "objective.submission_invalid")
        assert codes(body) == ["objective.too_few_key_results"]

    async def test_warnings_come_back_with_the_proposed_objective(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await make_objective(team.member.client, cycle["id"], team.member.id)
        await add_kr(team.member.client, objective["id"], weight=100)

        response = await team.member.client.post(f"/v1/objectives/{objective['id']}/submit")

        assert response.status_code == 200, response.text
        body = response.json()
        assert body["state"] == "proposed"
        assert body["version"] == 2
        assert tag_version(response) == 2
        assert body["submitted_at"] is not None
        assert [w["code"] for w in body["warnings"] if w["source"] is None] == [
            "objective.few_key_results",
            "objective.few_objectives",
        ]
        # then the OKR lint's findings, the rule already stated above left out
        assert [w["code"] for w in body["warnings"] if w["source"] is not None] == [
            "lint.no_sub_periods",
            "lint.not_aligned",
        ]

    async def test_owner_objective_count_counts_proposed_and_agreed(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        policy = await client.patch(
            "/v1/policy", json={"max_objectives_per_owner": 2, "min_objectives_per_owner": 1}
        )
        assert policy.status_code == 200, policy.text
        cycle = await make_cycle(client)
        made = [await ready_objective(client, cycle["id"], admin.id) for _ in range(3)]
        await post_ok(client, f"/v1/objectives/{made[0]['id']}/submit", None, 200)
        await post_ok(client, f"/v1/objectives/{made[1]['id']}/submit", None, 200)

        response = await client.post(f"/v1/objectives/{made[2]['id']}/submit")

        body = assert_problem(response, 409, "objective.submission_invalid")
        assert codes(body) == ["objective.too_many_objectives"]

    async def test_only_the_owner_side_submits(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        path = f"/v1/objectives/{objective['id']}/submit"

        assert_problem(await team.manager.client.post(path), 403, "objective.submit_denied")
        assert_problem(await team.peer.client.post(path), 404, "objective.not_found")
        assert (await admin.client.post(path)).status_code == 200

    async def test_stale_if_match_is_412(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await ready_objective(client, cycle["id"], admin.id)
        await client.patch(f"/v1/objectives/{objective['id']}", json={"title": "Renamed"})

        stale = await client.post(
            f"/v1/objectives/{objective['id']}/submit", headers={"If-Match": '"1"'}
        )
        fresh = await client.post(
            f"/v1/objectives/{objective['id']}/submit", headers={"If-Match": '"2"'}
        )

        assert_problem(stale, 412, "precondition.failed")
        assert fresh.status_code == 200, fresh.text


class TestApprove:
    async def test_manager_approves_and_events_are_recorded(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        oid = objective["id"]
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)

        approved = await post_ok(team.manager.client, f"/v1/objectives/{oid}/approve", None, 200)

        assert approved["state"] == "agreed"
        assert approved["approved_by_id"] == team.manager.id
        assert approved["agreed_at"] is not None
        events = (await admin.client.get("/v1/events")).json()["items"]
        mine = [e["type"] for e in events if e["entity_id"] == oid]
        assert mine == ["objective.created", "objective.submitted", "objective.approved"]

    async def test_self_and_wrong_approvers_are_refused(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        oid = objective["id"]
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)
        admins_own = await ready_objective(admin.client, cycle["id"], admin.id)
        await post_ok(admin.client, f"/v1/objectives/{admins_own['id']}/submit", None, 200)
        path = f"/v1/objectives/{oid}/approve"

        assert_problem(await team.member.client.post(path), 403, "objective.self_approval")
        # an unpublished proposal is hidden from a peer (as an unknown one is)
        assert_problem(await team.peer.client.post(path), 404, "objective.not_found")
        assert_problem(await team.boss.client.post(path), 403, "objective.not_approver")
        assert_problem(
            await admin.client.post(f"/v1/objectives/{admins_own['id']}/approve"),
            403,
            "objective.self_approval",
        )
        assert (await admin.client.post(path)).status_code == 200

    async def test_unit_objective_is_approved_by_the_parent_units_head(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        sales = await post_ok(
            admin.client,
            "/v1/org-units",
            {"name": "Sales", "parent_id": team.unit_id, "head_id": team.manager.id},
        )
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(
            team.manager.client, cycle["id"], sales["id"], owner_type="unit"
        )
        oid = objective["id"]
        await post_ok(team.manager.client, f"/v1/objectives/{oid}/submit", None, 200)

        by_head = await team.manager.client.post(f"/v1/objectives/{oid}/approve")
        by_parent_head = await team.boss.client.post(f"/v1/objectives/{oid}/approve")

        assert_problem(by_head, 403, "objective.self_approval")
        assert by_parent_head.status_code == 200, by_parent_head.text

    async def test_approving_a_draft_is_an_invalid_transition(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        cycle = await make_cycle(client)
        objective = await ready_objective(client, cycle["id"], member.id)

        response = await client.post(f"/v1/objectives/{objective['id']}/approve")

        assert_problem(response, 409, "objective.invalid_transition")


class TestReturnAndCancel:
    async def test_return_needs_a_reason_and_goes_back_to_draft(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        oid = objective["id"]
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)

        missing = await team.manager.client.post(f"/v1/objectives/{oid}/return", json={})
        blank = await team.manager.client.post(f"/v1/objectives/{oid}/return", json={"reason": " "})
        by_owner = await team.member.client.post(
            f"/v1/objectives/{oid}/return", json={"reason": "mine"}
        )
        returned = await team.manager.client.post(
            f"/v1/objectives/{oid}/return", json={"reason": "Aim higher"}
        )

        assert_problem(missing, 422, "request.invalid")
        assert_problem(blank, 409, "objective.reason_required")
        assert_problem(by_owner, 403, "objective.self_approval")
        assert returned.status_code == 200, returned.text
        assert returned.json()["state"] == "draft"
        assert returned.json()["state_reason"] == "Aim higher"
        assert_problem(
            await team.peer.client.get(f"/v1/objectives/{oid}"), 404, "objective.not_found"
        )

    async def test_cancel_by_the_approver_only(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        oid = objective["id"]
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)
        await post_ok(team.manager.client, f"/v1/objectives/{oid}/approve", None, 200)
        reason = {"reason": "Market changed"}

        by_owner = await team.member.client.post(f"/v1/objectives/{oid}/cancel", json=reason)
        by_peer = await team.peer.client.post(f"/v1/objectives/{oid}/cancel", json=reason)
        cancelled = await team.manager.client.post(f"/v1/objectives/{oid}/cancel", json=reason)
        again = await team.manager.client.post(f"/v1/objectives/{oid}/cancel", json=reason)

        assert_problem(by_owner, 403, "objective.self_approval")
        assert_problem(by_peer, 403, "objective.not_approver")
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["state"] == "cancelled"
        assert cancelled.json()["state_reason"] == "Market changed"
        assert_problem(again, 409, "objective.invalid_transition")
        assert (await team.peer.client.get(f"/v1/objectives/{oid}")).status_code == 200


class TestEditAndDelete:
    async def test_draft_edits_bump_the_version_and_honour_if_match(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        path = f"/v1/objectives/{objective['id']}"

        edited = await client.patch(
            path, json={"title": "Sharper", "description": "Why"}, headers={"If-Match": '"1"'}
        )
        stale = await client.patch(path, json={"title": "Lost"}, headers={"If-Match": '"1"'})
        null_title = await client.patch(path, json={"title": None})

        assert edited.status_code == 200, edited.text
        assert edited.json()["title"] == "Sharper" and edited.json()["version"] == 2
        assert tag_version(edited) == 2
        assert_problem(stale, 412, "precondition.failed")
        assert_problem(null_title, 422, "request.invalid")

    async def test_title_is_frozen_after_agreement_and_locked_while_proposed(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        cycle = await make_cycle(client)
        objective = await ready_objective(client, cycle["id"], member.id)
        oid = objective["id"]
        await post_ok(client, f"/v1/objectives/{oid}/submit", None, 200)

        proposed = await client.patch(f"/v1/objectives/{oid}", json={"title": "New"})
        await post_ok(client, f"/v1/objectives/{oid}/approve", None, 200)
        agreed = await client.patch(
            f"/v1/objectives/{oid}", json={"title": "New", "description": "New"}
        )
        unchanged = await client.patch(f"/v1/objectives/{oid}", json={"title": objective["title"]})

        assert_problem(proposed, 409, "objective.not_editable")
        body = assert_problem(agreed, 409, "objective.frozen")
        assert codes(body) == ["objective.frozen", "objective.frozen"]
        assert unchanged.status_code == 200

    async def test_peer_cannot_edit_a_public_objective(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        await post_ok(team.member.client, f"/v1/objectives/{objective['id']}/submit", None, 200)
        policy = await admin.client.patch("/v1/policy", json={"publish_on": "proposed"})
        assert policy.status_code == 200, policy.text

        response = await team.peer.client.patch(
            f"/v1/objectives/{objective['id']}", json={"title": "Mine now"}
        )

        assert_problem(response, 403, "objective.edit_denied")

    async def test_only_drafts_are_deleted(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        draft = await ready_objective(client, cycle["id"], admin.id)
        proposed = await ready_objective(client, cycle["id"], admin.id)
        await post_ok(client, f"/v1/objectives/{proposed['id']}/submit", None, 200)

        deleted = await client.delete(f"/v1/objectives/{draft['id']}")
        refused = await client.delete(f"/v1/objectives/{proposed['id']}")

        assert deleted.status_code == 204
        assert_problem(
            await client.get(f"/v1/objectives/{draft['id']}"), 404, "objective.not_found"
        )
        krs = await client.get("/v1/key-results", params={"objective_id": draft["id"]})
        assert krs.json()["items"] == []
        assert_problem(refused, 409, "objective.not_draft")
