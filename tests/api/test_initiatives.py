"""Initiatives under key results: who manages them, who moves their state."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.problems import assert_problem
from tests.support.seed import seed_scored_objective


@dataclass
class Setup:
    manager: Actor
    owner: Actor
    peer: Actor
    kr_id: str
    cycle_id: str


@pytest.fixture
async def setup(app: FastAPI, admin: Actor, make_actor: MakeActor) -> Setup:
    manager = await make_actor()
    owner = await make_actor(manager_id=manager.id)
    peer = await make_actor(manager_id=manager.id)
    cycle = await make_cycle(admin.client, state="active")
    objective = await seed_scored_objective(app, cycle_id=cycle["id"], owner_id=owner.id)
    return Setup(manager, owner, peer, objective.key_result_ids[0], cycle["id"])


def under(kr_id: str) -> str:
    return f"/v1/key-results/{kr_id}/initiatives"


class TestInitiatives:
    async def test_owner_creates_lists_reads_changes_deletes(self, setup: Setup) -> None:
        client = setup.owner.client
        body = {
            "title": "Book the spring fair",
            "assignee_id": setup.peer.id,
            "due_on": "2026-02-15",
        }

        created = await client.post(under(setup.kr_id), json=body)
        assert created.status_code == 201, created.text
        item = created.json()
        listed = await client.get(under(setup.kr_id), params={"state": "todo"})
        filtered = await client.get(under(setup.kr_id), params={"state": "done"})
        changed = await client.patch(
            f"/v1/initiatives/{item['id']}", json={"state": "doing", "due_on": None}
        )
        deleted = await client.delete(f"/v1/initiatives/{item['id']}")
        gone = await client.get(f"/v1/initiatives/{item['id']}")

        assert {
            k: item[k] for k in ("key_result_id", "title", "assignee_id", "state", "due_on")
        } == {
            "key_result_id": setup.kr_id,
            "title": "Book the spring fair",
            "assignee_id": setup.peer.id,
            "state": "todo",
            "due_on": "2026-02-15",
        }
        assert [i["id"] for i in listed.json()["items"]] == [item["id"]]
        assert filtered.json()["items"] == []
        assert (changed.json()["state"], changed.json()["due_on"]) == ("doing", None)
        assert deleted.status_code == 204
        assert_problem(gone, 404, "initiative.not_found")

    async def test_manager_and_admin_manage_a_peer_may_not(
        self, admin: Actor, setup: Setup
    ) -> None:
        by_manager = await setup.manager.client.post(under(setup.kr_id), json={"title": "A"})
        by_admin = await admin.client.post(under(setup.kr_id), json={"title": "B"})
        by_peer = await setup.peer.client.post(under(setup.kr_id), json={"title": "C"})
        peer_read = await setup.peer.client.get(under(setup.kr_id))

        assert (by_manager.status_code, by_admin.status_code) == (201, 201)
        assert_problem(by_peer, 403, "initiative.not_allowed")
        assert len(peer_read.json()["items"]) == 2

    async def test_the_assignee_moves_the_state_and_nothing_else(self, setup: Setup) -> None:
        created = await setup.owner.client.post(
            under(setup.kr_id), json={"title": "Call 20 leads", "assignee_id": setup.peer.id}
        )
        item_path = f"/v1/initiatives/{created.json()['id']}"

        moved = await setup.peer.client.patch(item_path, json={"state": "done"})
        renamed = await setup.peer.client.patch(item_path, json={"title": "Call 5 leads"})
        deleted = await setup.peer.client.delete(item_path)

        assert moved.json()["state"] == "done"
        assert_problem(renamed, 403, "initiative.assignee_state_only")
        assert_problem(deleted, 403, "initiative.not_allowed")

    async def test_bad_input_is_refused(self, setup: Setup) -> None:
        client = setup.owner.client

        unknown_person = await client.post(
            under(setup.kr_id), json={"title": "X", "assignee_id": "no-such-person"}
        )
        bad_state = await client.post(under(setup.kr_id), json={"title": "X", "state": "later"})
        no_title = await client.post(under(setup.kr_id), json={"title": ""})
        bad_date = await client.post(
            under(setup.kr_id), json={"title": "X", "due_on": "2026-02-30"}
        )
        null_state = await client.post(under(setup.kr_id), json={"title": "X"})
        null_patch = await client.patch(
            f"/v1/initiatives/{null_state.json()['id']}", json={"state": None}
        )
        unknown_kr = await client.post(under("no-such-kr"), json={"title": "X"})

        assert_problem(unknown_person, 404, "person.not_found")
        for response in (bad_state, no_title, bad_date, null_patch):
            assert_problem(response, 422, "request.invalid")
        assert_problem(unknown_kr, 404, "key_result.not_found")

    async def test_a_hidden_draft_hides_its_initiatives(self, app: FastAPI, setup: Setup) -> None:
        draft = await seed_scored_objective(
            app, cycle_id=setup.cycle_id, owner_id=setup.owner.id, state="draft"
        )
        kr = draft.key_result_ids[0]
        created = await setup.owner.client.post(under(kr), json={"title": "Draft plan"})

        by_peer = await setup.peer.client.get(under(kr))
        one_by_peer = await setup.peer.client.get(f"/v1/initiatives/{created.json()['id']}")
        by_manager = await setup.manager.client.get(under(kr))

        assert_problem(by_peer, 404, "key_result.not_found")
        assert_problem(one_by_peer, 404, "initiative.not_found")
        assert len(by_manager.json()["items"]) == 1

    async def test_a_closed_cycle_is_read_only(self, admin: Actor, setup: Setup) -> None:
        created = await setup.owner.client.post(under(setup.kr_id), json={"title": "X"})
        for action in ("start-review", "close"):
            await admin.client.post(f"/v1/cycles/{setup.cycle_id}/{action}")

        add = await setup.owner.client.post(under(setup.kr_id), json={"title": "Y"})
        change = await setup.owner.client.patch(
            f"/v1/initiatives/{created.json()['id']}", json={"state": "done"}
        )

        assert_problem(add, 409, "cycle.closed")
        assert_problem(change, 409, "cycle.closed")
