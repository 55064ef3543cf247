"""``/v1/change-requests``: changes to agreed annual KRs, accepted or rejected by the approver."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import (
    YEAR,
    agreed_of,
    make_cycle,
    make_team,
    post_ok,
    ready_objective,
)
from tests.support.problems import assert_problem


async def request(actor: Actor, key_result_id: str, **changes: Any) -> httpx.Response:
    return await actor.client.post(
        "/v1/change-requests",
        json={"key_result_id": key_result_id, "changes": changes, "reason": "Market grew"},
    )


class TestChangeRequests:
    async def test_accepting_applies_the_change_and_rescores(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        kr = objective["key_results"][0]

        created = await request(team.member, kr["id"], target_value=5, due_on="2026-11-30")
        assert created.status_code == 201, created.text
        pending = created.json()
        assert pending["state"] == "pending"
        assert pending["fields"] == ["due_on", "target_value"]
        assert pending["changes"]["target_value"] == 5
        assert pending["changes"]["weight"] is None
        assert pending["objective_id"] == objective["id"]
        assert pending["requested_by_id"] == team.member.id

        accepted = await team.manager.client.post(
            f"/v1/change-requests/{pending['id']}/accept", json={"note": "Fine"}
        )

        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["state"] == "accepted"
        assert accepted.json()["decided_by_id"] == team.manager.id
        assert accepted.json()["decision_note"] == "Fine"
        changed = (await admin.client.get(f"/v1/key-results/{kr['id']}")).json()
        assert changed["target_value"] == 5 and changed["due_on"] == "2026-11-30"
        assert changed["version"] == kr["version"] + 1
        again = await team.manager.client.post(f"/v1/change-requests/{pending['id']}/reject")
        assert_problem(again, 409, "change_request.not_pending")
        shown = await admin.client.get(f"/v1/change-requests/{pending['id']}")
        assert shown.json() == accepted.json()

    async def test_rejecting_leaves_the_key_result_alone(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        kr = objective["key_results"][0]
        pending = (await request(team.member, kr["id"], title="Smaller")).json()

        rejected = await team.manager.client.post(f"/v1/change-requests/{pending['id']}/reject")

        assert rejected.status_code == 200, rejected.text
        assert rejected.json()["state"] == "rejected"
        unchanged = (await admin.client.get(f"/v1/key-results/{kr['id']}")).json()
        assert unchanged["title"] == kr["title"] and unchanged["version"] == kr["version"]

    async def test_only_the_approver_decides(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        kr = objective["key_results"][0]
        pending = (await request(team.member, kr["id"], target_value=12)).json()
        path = f"/v1/change-requests/{pending['id']}/accept"

        assert_problem(await team.member.client.post(path), 403, "objective.self_approval")
        assert_problem(await team.peer.client.post(path), 403, "objective.not_approver")
        assert_problem(await team.peer.client.post(path), 403, "objective.not_approver")
        by_peer = await request(team.peer, kr["id"], target_value=12)
        assert_problem(by_peer, 403, "objective.edit_denied")

    async def test_refusals(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        quarterly = await agreed_of(
            team,
            admin,
            name="Q1",
            kind="quarterly",
            starts_on="2026-01-01",
            ends_on="2026-03-31",
        )
        annual = await agreed_of(team, admin, **{**YEAR, "name": "2026 bis"})
        draft_cycle = await make_cycle(admin.client, **{**YEAR, "name": "2026 ter"})
        draft = await ready_objective(team.member.client, draft_cycle["id"], team.member.id)
        kr = annual["key_results"][0]
        draft_krs = await admin.client.get("/v1/key-results", params={"objective_id": draft["id"]})
        draft_kr = draft_krs.json()["items"][0]

        not_annual = await request(team.member, quarterly["key_results"][0]["id"], weight=40)
        not_agreed = await request(team.member, draft_kr["id"], weight=40)
        empty = await request(team.member, kr["id"])
        outside = await request(team.member, kr["id"], due_on="2027-01-15")
        flat = await request(team.member, kr["id"], target_value=0)
        schema = await request(team.member, kr["id"], owner_id="x")
        unknown = await request(team.member, "nope", weight=40)

        assert_problem(not_annual, 409, "change_request.not_annual")
        assert_problem(not_agreed, 409, "change_request.objective_not_agreed")
        assert_problem(empty, 409, "change_request.empty")
        assert_problem(outside, 409, "key_result.due_outside_cycle")
        assert_problem(flat, 409, "key_result.target_equals_start")
        assert_problem(schema, 422, "request.invalid")
        assert_problem(unknown, 404, "key_result.not_found")

    async def test_list_filters(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        first, second = objective["key_results"]
        one = (await request(team.member, first["id"], title="A")).json()
        two = (await request(team.member, second["id"], title="B")).json()
        await post_ok(team.manager.client, f"/v1/change-requests/{one['id']}/reject", None, 200)

        async def ids(**params: str) -> list[str]:
            response = await team.peer.client.get("/v1/change-requests", params=params)
            assert response.status_code == 200, response.text
            return [c["id"] for c in response.json()["items"]]

        assert await ids() == [one["id"], two["id"]]
        assert await ids(state="pending") == [two["id"]]
        assert await ids(objective_id=objective["id"], state="rejected") == [one["id"]]
        assert await ids(key_result_id=second["id"]) == [two["id"]]
        assert_problem(
            await admin.client.get("/v1/change-requests/nope"), 404, "change_request.not_found"
        )


async def several(actor: Actor, objective_id: str, items: list[dict[str, Any]]) -> httpx.Response:
    return await actor.client.post(
        "/v1/change-requests",
        json={"objective_id": objective_id, "items": items, "reason": "Strategy moved"},
    )


class TestSeveralKeyResults:
    """A request that changes several KRs of an agreed annual objective at once (modify, add,
    remove), accepted only if the objective then passes the submission rules again."""

    async def test_a_lone_weight_change_cannot_leave_weights_summing_to_90(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)  # KR one and KR two, 50/50

        lone = await request(team.member, objective["key_results"][0]["id"], weight=40)

        problem = assert_problem(lone, 409, "objective.weights_not_100")
        assert "sum to 90" in str(problem["detail"])

    async def test_weights_rebalanced_a_kr_added_and_one_removed_in_one_request(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        one, two = (kr["id"] for kr in objective["key_results"])

        created = await several(
            team.member,
            objective["id"],
            [
                {"op": "modify", "key_result_id": one, "changes": {"weight": 70}},
                {"op": "remove", "key_result_id": two},
                {
                    "op": "add",
                    "changes": {
                        "title": "Partners signed",
                        "start_value": 0,
                        "target_value": 4,
                        "weight": 30,
                        "due_on": "2026-12-31",
                    },
                },
            ],
        )
        assert created.status_code == 201, created.text
        pending = created.json()
        assert pending["key_result_id"] is None
        assert [(i["op"], i["key_result_id"], i["fields"]) for i in pending["items"]] == [
            ("modify", one, ["weight"]),
            ("remove", two, []),
            ("add", None, ["due_on", "start_value", "target_value", "title", "weight"]),
        ]
        assert pending["items"][2]["changes"]["target_value"] == 4
        listed = await team.manager.client.get(
            "/v1/change-requests", params={"objective_id": objective["id"]}
        )
        assert [r["id"] for r in listed.json()["items"]] == [pending["id"]]

        accepted = await team.manager.client.post(f"/v1/change-requests/{pending['id']}/accept")

        assert accepted.status_code == 200, accepted.text
        now = (await admin.client.get(f"/v1/objectives/{objective['id']}")).json()
        assert [(kr["title"], kr["weight"]) for kr in now["key_results"]] == [
            ("KR one", 70),
            ("Partners signed", 30),
        ]
        assert (await admin.client.get(f"/v1/key-results/{two}")).status_code == 404

    async def test_every_broken_rule_is_named_and_nothing_is_written(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        one, two = (kr["id"] for kr in objective["key_results"])

        broken = await several(
            team.member,
            objective["id"],
            [
                {"op": "modify", "key_result_id": one, "changes": {"weight": 60}},
                {"op": "modify", "key_result_id": one, "changes": {"title": "Again"}},
                {"op": "remove", "key_result_id": objective["id"]},
            ],
        )
        no_weight = await several(
            team.member, objective["id"], [{"op": "add", "changes": {"title": "No weight"}}]
        )
        unbalanced = await several(
            team.member,
            objective["id"],
            [
                {"op": "modify", "key_result_id": one, "changes": {"weight": 60}},
                {"op": "modify", "key_result_id": two, "changes": {"due_on": "2027-01-15"}},
            ],
        )
        mixed = await team.member.client.post(
            "/v1/change-requests",
            json={
                "objective_id": objective["id"],
                "key_result_id": one,
                "items": [{"op": "remove", "key_result_id": two}],
                "reason": "both forms",
            },
        )

        problem = assert_problem(broken, 409, "change_request.invalid")
        codes = sorted(e["code"] for e in problem["errors"])  # type: ignore[attr-defined]
        assert codes == [
            "change_request.duplicate_key_result",
            "change_request.unknown_key_result",
        ]
        assert_problem(no_weight, 422, "request.invalid")
        problem = assert_problem(unbalanced, 409, "change_request.invalid")
        codes = sorted(e["code"] for e in problem["errors"])  # type: ignore[attr-defined]
        assert codes == ["key_result.due_outside_cycle", "objective.weights_not_100"]
        assert_problem(mixed, 422, "request.invalid")
        listed = await admin.client.get(
            "/v1/change-requests", params={"objective_id": objective["id"]}
        )
        assert listed.json()["items"] == []

    async def test_acceptance_checks_the_rules_again(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        objective = await agreed_of(team, admin)
        one, two = (kr["id"] for kr in objective["key_results"])
        pending = await several(
            team.member,
            objective["id"],
            [
                {"op": "modify", "key_result_id": one, "changes": {"weight": 25}},
                {"op": "modify", "key_result_id": two, "changes": {"weight": 25}},
                {
                    "op": "add",
                    "changes": {
                        "title": "Launch",
                        "kind": "milestone",
                        "weight": 50,
                        "due_on": "2026-06-30",
                    },
                },
            ],
        )
        assert pending.status_code == 201, pending.text
        policy = await admin.client.patch(
            "/v1/policy",
            json={"max_key_results_per_objective": 2, "recommended_min_key_results": 2},
        )
        assert policy.status_code == 200, policy.text

        refused = await team.manager.client.post(
            f"/v1/change-requests/{pending.json()['id']}/accept"
        )

        assert_problem(refused, 409, "objective.too_many_key_results")
        still = (await admin.client.get(f"/v1/objectives/{objective['id']}")).json()
        assert [kr["weight"] for kr in still["key_results"]] == [50, 50]
        shown = await admin.client.get(f"/v1/change-requests/{pending.json()['id']}")
        assert shown.json()["state"] == "pending"
