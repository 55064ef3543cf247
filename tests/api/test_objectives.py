"""``/v1/objectives``: create with origin, visibility, list, submit, approve, return, cancel."""

from __future__ import annotations

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_objective, make_team, post_ok, ready_objective
from tests.support.etags import tag_version
from tests.support.problems import assert_problem


class TestCreate:
    async def test_owner_creates_bottom_up_draft(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)

        response = await team.member.client.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle["id"],
                "owner_type": "person",
                "owner_id": team.member.id,
                "title": "Win the north",
                "description": "Because.",
            },
        )

        assert response.status_code == 201, response.text
        body = response.json()
        assert body["origin"] == "bottom_up"
        assert body["state"] == "draft"
        assert body["version"] == 1
        assert body["key_results"] == []
        assert body["score"] is None and body["grade"] is None
        assert body["created_by_id"] == team.member.id
        assert tag_version(response) == 1

    async def test_manager_creates_top_down_and_contradicting_origin_is_refused(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)

        cascaded = await make_objective(team.boss.client, cycle["id"], team.member.id)
        contradicting = await team.manager.client.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle["id"],
                "owner_type": "person",
                "owner_id": team.member.id,
                "title": "X",
                "origin": "bottom_up",
            },
        )
        own_top_down = await team.member.client.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle["id"],
                "owner_type": "person",
                "owner_id": team.member.id,
                "title": "X",
                "origin": "top_down",
            },
        )

        assert cascaded["origin"] == "top_down"
        assert_problem(contradicting, 409, "objective.origin_mismatch")
        assert_problem(own_top_down, 409, "objective.origin_mismatch")

    async def test_peer_may_not_create_for_another_and_unknowns_are_404(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        body = {"cycle_id": cycle["id"], "owner_type": "person", "title": "X"}

        peer = await team.peer.client.post(
            "/v1/objectives", json={**body, "owner_id": team.member.id}
        )
        subordinate = await team.member.client.post(
            "/v1/objectives", json={**body, "owner_id": team.manager.id}
        )
        nobody = await admin.client.post("/v1/objectives", json={**body, "owner_id": "nobody"})
        no_unit = await admin.client.post(
            "/v1/objectives", json={**body, "owner_type": "unit", "owner_id": "nowhere"}
        )
        no_cycle = await admin.client.post(
            "/v1/objectives", json={**body, "owner_id": team.member.id, "cycle_id": "nope"}
        )

        assert_problem(peer, 403, "objective.create_denied")
        assert_problem(subordinate, 403, "objective.create_denied")
        assert_problem(nobody, 404, "person.not_found")
        assert_problem(no_unit, 404, "org_unit.not_found")
        assert_problem(no_cycle, 404, "cycle.not_found")

    async def test_unit_objective_by_its_head_is_bottom_up(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)

        created = await make_objective(
            team.boss.client, cycle["id"], team.unit_id, owner_type="unit"
        )
        by_member = await team.member.client.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle["id"],
                "owner_type": "unit",
                "owner_id": team.unit_id,
                "title": "X",
            },
        )

        assert created["origin"] == "bottom_up"
        assert_problem(by_member, 403, "objective.create_denied")

    async def test_closed_or_review_cycle_refuses_new_objectives(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        cycle = await make_cycle(admin.client)
        for action in ("activate", "start-review"):
            await post_ok(admin.client, f"/v1/cycles/{cycle['id']}/{action}", None, 200)

        response = await admin.client.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle["id"],
                "owner_type": "person",
                "owner_id": admin.id,
                "title": "Late",
            },
        )

        assert_problem(response, 409, "cycle.not_open")

    async def test_strict_schema(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        base = {"cycle_id": cycle["id"], "owner_type": "person", "owner_id": admin.id}

        answers = [
            await client.post("/v1/objectives", json={**base, "title": ""}),
            await client.post("/v1/objectives", json={**base, "title": "x" * 201}),
            await client.post("/v1/objectives", json={**base, "title": 5}),
            await client.post("/v1/objectives", json={**base, "title": "x", "extra": 1}),
            await client.post("/v1/objectives", json={**base, "title": "x", "owner_type": "team"}),
            await client.post(
                "/v1/objectives", json={**base, "title": "x", "description": "d" * 4001}
            ),
        ]

        for response in answers:
            assert_problem(response, 422, "request.invalid")

    async def test_idempotent_create_replays_the_first_answer(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        cycle = await make_cycle(client)
        body = {
            "cycle_id": cycle["id"],
            "owner_type": "person",
            "owner_id": admin.id,
            "title": "Once",
        }
        headers = {"Idempotency-Key": "objective-1"}

        first = await client.post("/v1/objectives", json=body, headers=headers)
        again = await client.post("/v1/objectives", json=body, headers=headers)
        other = await client.post(
            "/v1/objectives", json={**body, "title": "Twice"}, headers=headers
        )

        assert first.status_code == 201 and again.status_code == 201
        assert again.json() == first.json()
        assert_problem(other, 409, "idempotency.key_reused")
        listed = await client.get("/v1/objectives", params={"cycle_id": cycle["id"]})
        assert len(listed.json()["items"]) == 1


class TestVisibility:
    async def test_draft_is_404_for_a_peer_and_visible_up_the_chain(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        draft = await make_objective(team.member.client, cycle["id"], team.member.id)
        path = f"/v1/objectives/{draft['id']}"

        assert_problem(await team.peer.client.get(path), 404, "objective.not_found")
        for actor in (team.member, team.manager, team.boss, admin):
            assert (await actor.client.get(path)).status_code == 200

        peer_list = await team.peer.client.get("/v1/objectives", params={"cycle_id": cycle["id"]})
        boss_list = await team.boss.client.get("/v1/objectives", params={"cycle_id": cycle["id"]})
        assert peer_list.json()["items"] == []
        assert [o["id"] for o in boss_list.json()["items"]] == [draft["id"]]

    async def test_proposed_objectives_are_public_when_the_policy_publishes_on_proposal(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
        await post_ok(team.member.client, f"/v1/objectives/{objective['id']}/submit", None, 200)
        unpublished = await team.peer.client.get(f"/v1/objectives/{objective['id']}")
        policy = await admin.client.patch("/v1/policy", json={"publish_on": "proposed"})
        assert policy.status_code == 200, policy.text

        seen = await team.peer.client.get(f"/v1/objectives/{objective['id']}")
        listed = await team.peer.client.get("/v1/objectives")

        assert unpublished.status_code == 404
        assert seen.status_code == 200
        assert [o["id"] for o in listed.json()["items"]] == [objective["id"]]
        assert len(listed.json()["items"][0]["key_results"]) == 2

    async def test_unit_draft_visible_to_heads_above_only(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        sales = await post_ok(
            admin.client,
            "/v1/org-units",
            {"name": "Sales", "parent_id": team.unit_id, "head_id": team.manager.id},
        )
        cycle = await make_cycle(admin.client)
        draft = await make_objective(
            team.manager.client, cycle["id"], sales["id"], owner_type="unit"
        )
        path = f"/v1/objectives/{draft['id']}"

        assert (await team.boss.client.get(path)).status_code == 200
        assert_problem(await team.member.client.get(path), 404, "objective.not_found")


class TestList:
    async def test_filters(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        cycle = await make_cycle(admin.client)
        other_cycle = await make_cycle(
            admin.client, name="Q2", kind="quarterly", starts_on="2026-04-01", ends_on="2026-06-30"
        )
        mine = await make_objective(admin.client, cycle["id"], team.member.id)
        boss_own = await make_objective(admin.client, cycle["id"], team.boss.id)
        unit = await make_objective(admin.client, cycle["id"], team.unit_id, owner_type="unit")
        later = await make_objective(admin.client, other_cycle["id"], team.member.id)
        proposed = await ready_objective(admin.client, cycle["id"], team.peer.id)
        await post_ok(admin.client, f"/v1/objectives/{proposed['id']}/submit", None, 200)

        async def ids(**params: str) -> list[str]:
            response = await admin.client.get("/v1/objectives", params=params)
            assert response.status_code == 200, response.text
            return [o["id"] for o in response.json()["items"]]

        assert await ids(cycle_id=cycle["id"]) == [
            mine["id"],
            boss_own["id"],
            unit["id"],
            proposed["id"],
        ]
        assert await ids(owner_id=team.member.id) == [mine["id"], later["id"]]
        assert await ids(owner_type="unit") == [unit["id"]]
        assert await ids(state="proposed") == [proposed["id"]]
        assert await ids(owner_person_id=team.boss.id) == [boss_own["id"], unit["id"]]
        assert await ids(grade="poor") == [proposed["id"]]
        bad = await admin.client.get("/v1/objectives", params={"state": "done"})
        assert_problem(bad, 422, "request.invalid")

    async def test_pagination(self, client: httpx.AsyncClient, admin: Actor) -> None:
        cycle = await make_cycle(client)
        made = [(await make_objective(client, cycle["id"], admin.id))["id"] for _ in range(5)]

        first = (await client.get("/v1/objectives", params={"limit": 3})).json()
        second = (
            await client.get("/v1/objectives", params={"limit": 3, "cursor": first["next_cursor"]})
        ).json()

        assert [o["id"] for o in first["items"] + second["items"]] == made
        assert second["next_cursor"] is None
