"""``/v1/objectives/{id}/key-results`` and ``/v1/key-results``: fields, freezing, scores."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import (
    YEAR,
    add_kr,
    make_cycle,
    make_objective,
    make_team,
    post_ok,
    ready_objective,
)
from tests.support.etags import tag_version
from tests.support.problems import assert_problem


async def agreed(client: httpx.AsyncClient, owner_id: str, **cycle: Any) -> dict[str, Any]:
    """An agreed objective of the owner (the admin approves) and its cycle id."""
    made = await make_cycle(client, **cycle)
    objective = await ready_objective(client, made["id"], owner_id)
    await post_ok(client, f"/v1/objectives/{objective['id']}/submit", None, 200)
    done: dict[str, Any] = await post_ok(
        client, f"/v1/objectives/{objective['id']}/approve", None, 200
    )
    return done


class TestCreateAndRead:
    async def test_create_get_list(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)

        response = await client.post(
            f"/v1/objectives/{objective['id']}/key-results",
            json={
                "title": "Revenue",
                "kind": "numeric",
                "start_value": 100.5,
                "target_value": 200,
                "current_value": 150.25,
                "unit": "kEUR",
                "weight": 60,
                "due_on": "2026-03-31",
                "metric_key": "sales.revenue:q1",
                "confidence": 7,
            },
        )
        milestone = await add_kr(
            client, objective["id"], kind="milestone", weight=40, title="Launch", done=True
        )

        assert response.status_code == 201, response.text
        kr = response.json()
        assert tag_version(response) == 1
        assert kr["start_value"] == 100.5 and kr["target_value"] == 200
        assert kr["current_value"] == 150.25 and kr["weight"] == 60
        assert kr["score"] == 0.5
        assert kr["position"] == 0 and milestone["position"] == 1
        assert milestone["score"] == 1
        got = (await client.get(f"/v1/key-results/{kr['id']}")).json()
        assert kr["forecast"] is None  # write answers carry no forecast; reads do
        assert got["forecast"]["reason"] == "no_check_ins"
        assert {**got, "forecast": None} == kr
        shown = (await client.get(f"/v1/objectives/{objective['id']}")).json()
        assert [k["id"] for k in shown["key_results"]] == [kr["id"], milestone["id"]]
        assert shown["score"] == 0.7 and shown["grade"] == "good"
        assert shown["version"] == 1

        async def ids(**params: str) -> list[str]:
            listed = await client.get("/v1/key-results", params=params)
            assert listed.status_code == 200, listed.text
            return [k["id"] for k in listed.json()["items"]]

        assert await ids(objective_id=objective["id"]) == [kr["id"], milestone["id"]]
        assert await ids(metric_key="sales.revenue:q1") == [kr["id"]]
        assert await ids(kind="milestone") == [milestone["id"]]

    async def test_strict_fields(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        path = f"/v1/objectives/{objective['id']}/key-results"
        good = {"title": "T", "weight": 50, "start_value": 0, "target_value": 1}

        bad = [
            {**good, "weight": 0},
            {**good, "weight": 100.01},
            {**good, "weight": "50"},
            {**good, "target_value": 1234567890123456},
            {**good, "target_value": 1.1234567},
            {**good, "target_value": True},
            {**good, "kind": "vibes"},
            {**good, "metric_key": "has space"},
            {**good, "metric_key": ""},
            {**good, "due_on": "2026-02-30"},
            {**good, "confidence": 11},
            {**good, "title": ""},
            {"title": "no weight"},
        ]

        for body in bad:
            assert_problem(await client.post(path, json=body), 422, "request.invalid")
        limit = await client.post(
            path,
            content=b'{"title": "T", "weight": 50, "start_value": 0,'
            b' "target_value": 999999999999999.999999}',
            headers={"Content-Type": "application/json"},
        )
        assert limit.status_code == 201, limit.text
        assert limit.json()["target_value"] == 999999999999999.999999

    async def test_target_equal_to_start_and_taken_metric_keys_are_refused(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        first = await add_kr(client, objective["id"], metric_key="m.1", weight=50)
        second = await add_kr(client, objective["id"], weight=50)

        equal = await client.post(
            f"/v1/objectives/{objective['id']}/key-results",
            json={"title": "Flat", "weight": 10, "start_value": 5, "target_value": 5},
        )
        taken = await client.post(
            f"/v1/objectives/{objective['id']}/key-results",
            json={"title": "Dup", "weight": 10, "metric_key": "m.1"},
        )
        taken_by_patch = await client.patch(
            f"/v1/key-results/{second['id']}", json={"metric_key": "m.1"}
        )
        own_key = await client.patch(f"/v1/key-results/{first['id']}", json={"metric_key": "m.1"})

        assert_problem(equal, 409, "key_result.target_equals_start")
        assert_problem(taken, 409, "key_result.metric_key_taken")
        assert_problem(taken_by_patch, 409, "key_result.metric_key_taken")
        assert own_key.status_code == 200

    async def test_draft_key_results_are_hidden_like_their_objective(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await make_objective(team.member.client, cycle["id"], team.member.id)
        kr = await add_kr(team.member.client, objective["id"])

        assert_problem(
            await team.peer.client.get(f"/v1/key-results/{kr['id']}"), 404, "key_result.not_found"
        )
        assert (await team.peer.client.get("/v1/key-results")).json()["items"] == []
        assert (await team.manager.client.get(f"/v1/key-results/{kr['id']}")).status_code == 200
        added_by_peer = await team.peer.client.post(
            f"/v1/objectives/{objective['id']}/key-results", json={"title": "x", "weight": 1}
        )
        assert_problem(added_by_peer, 404, "objective.not_found")


class TestWorkedExample:
    async def test_section_3_gives_0_669_fair(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        """okr-domain §3: weights 30/40/30, 5 of 8, 9 of 12, 6 of 10 -> 0.669, fair."""
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        rows = [(30, 8, 5), (40, 12, 9), (30, 10, 6)]
        krs = [
            await add_kr(client, objective["id"], weight=w, start_value=0, target_value=t)
            for w, t, _ in rows
        ]
        for kr, (_, _, actual) in zip(krs, rows, strict=True):
            response = await client.patch(
                f"/v1/key-results/{kr['id']}", json={"current_value": actual}
            )
            assert response.status_code == 200, response.text

        shown = (await client.get(f"/v1/objectives/{objective['id']}")).json()

        assert [k["score"] for k in shown["key_results"]] == [0.63, 0.75, 0.6]
        assert shown["score"] == 0.669
        assert shown["grade"] == "fair"
        assert shown["version"] == 1

    async def test_decreasing_and_clamped(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)

        down = await add_kr(
            client, objective["id"], start_value=100, target_value=50, current_value=80, weight=50
        )
        over = await add_kr(
            client, objective["id"], start_value=0, target_value=10, current_value=15, weight=50
        )

        assert down["score"] == 0.4 and over["score"] == 1
        shown = (await client.get(f"/v1/objectives/{objective['id']}")).json()
        assert shown["score"] == 0.7 and shown["grade"] == "good"


class TestFreezing:
    async def test_quarterly_definitions_are_frozen_after_agreement(
        self, client: httpx.AsyncClient, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        objective = await agreed(client, member.id)
        kr = objective["key_results"][0]
        path = f"/v1/key-results/{kr['id']}"

        target = await client.patch(path, json={"target_value": 20, "weight": 60})
        added = await client.post(
            f"/v1/objectives/{objective['id']}/key-results", json={"title": "x", "weight": 1}
        )
        removed = await client.delete(path)
        progress = await client.patch(path, json={"current_value": 3})
        settings = await client.patch(path, json={"unit": "deals", "metric_key": "crm.deals"})

        body = assert_problem(target, 409, "objective.frozen")
        assert [e["code"] for e in body["errors"]] == ["key_result.frozen", "key_result.frozen"]  # type: ignore[attr-defined]
        assert_problem(added, 409, "key_result.frozen")
        assert_problem(removed, 409, "key_result.frozen")
        assert_problem(progress, 409, "key_result.progress_by_check_in")
        assert settings.status_code == 200, settings.text
        assert settings.json()["version"] == kr["version"] + 1
        assert settings.json()["metric_key"] == "crm.deals"

    async def test_annual_definitions_need_a_change_request(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        objective = await agreed(client, member.id, **YEAR)
        kr = objective["key_results"][0]

        target = await client.patch(f"/v1/key-results/{kr['id']}", json={"target_value": 20})
        added = await client.post(
            f"/v1/objectives/{objective['id']}/key-results", json={"title": "x", "weight": 1}
        )

        assert_problem(target, 409, "key_result.change_request_required")
        assert_problem(added, 409, "key_result.change_request_required")

    async def test_proposed_key_results_are_locked(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        cycle = await make_cycle(client)
        objective = await ready_objective(client, cycle["id"], admin.id)
        submitted = await post_ok(client, f"/v1/objectives/{objective['id']}/submit", None, 200)
        kr = submitted["key_results"][0]

        response = await client.patch(f"/v1/key-results/{kr['id']}", json={"title": "New"})

        assert_problem(response, 409, "objective.not_editable")


class TestEditing:
    async def test_patch_if_match_and_delete(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        objective = await make_objective(client, cycle["id"], admin.id)
        kr = await add_kr(client, objective["id"], weight=50)
        other = await add_kr(client, objective["id"], weight=50, current_value=10)
        path = f"/v1/key-results/{kr['id']}"

        edited = await client.patch(
            path, json={"current_value": 5, "unit": None}, headers={"If-Match": '"1"'}
        )
        stale = await client.patch(path, json={"title": "Lost"}, headers={"If-Match": '"1"'})
        null_weight = await client.patch(path, json={"weight": None})
        deleted = await client.delete(path, headers={"If-Match": '"2"'})

        assert edited.status_code == 200, edited.text
        assert edited.json()["score"] == 0.5 and edited.json()["version"] == 2
        assert tag_version(edited) == 2
        assert_problem(stale, 412, "precondition.failed")
        assert_problem(null_weight, 422, "request.invalid")
        assert deleted.status_code == 204, deleted.text
        shown = (await client.get(f"/v1/objectives/{objective['id']}")).json()
        assert [k["id"] for k in shown["key_results"]] == [other["id"]]
        assert shown["score"] == 1 and shown["grade"] == "excellent"
        assert_problem(await client.get(path), 404, "key_result.not_found")

    async def test_peer_cannot_change_a_public_key_result(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        submitted = await post_ok(
            team.member.client, f"/v1/objectives/{objective['id']}/submit", None, 200
        )
        kr = submitted["key_results"][0]
        policy = await admin.client.patch("/v1/policy", json={"publish_on": "proposed"})
        assert policy.status_code == 200, policy.text

        response = await team.peer.client.patch(f"/v1/key-results/{kr['id']}", json={"unit": "x"})

        assert_problem(response, 403, "objective.edit_denied")
