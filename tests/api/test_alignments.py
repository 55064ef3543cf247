"""``/v1/alignments`` and ``/v1/dependencies`` over HTTP: rules, loops, visibility, roll-up."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.builders import YEAR, make_cycle, make_unit, objective
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective


@dataclass
class Org:
    """A company (head: boss) with a team; member and peer report to boss."""

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
    await admin.client.patch(f"/v1/org-units/{team}", json={"head_id": boss.id})
    member = await make_actor(unit_id=team, manager_id=boss.id)
    peer = await make_actor(unit_id=team, manager_id=boss.id)
    quarter = (await make_cycle(admin.client, state="active"))["id"]
    return Org(root, team, boss, member, peer, quarter)


class TestAlignmentRules:
    async def test_create_read_list_and_delete(self, app: FastAPI, org: Org) -> None:
        parent = await seed_objective(app, cycle_id=org.quarter, owner_id=org.boss.id)
        child = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)

        created = await org.member.client.post(
            "/v1/alignments",
            json={"child_objective_id": child.id, "parent_objective_id": parent.id},
        )
        assert created.status_code == 201, created.text
        edge = created.json()
        read = await org.peer.client.get(f"/v1/alignments/{edge['id']}")
        by_child = await org.peer.client.get(
            "/v1/alignments", params={"child_objective_id": child.id}
        )
        by_cycle = await org.peer.client.get("/v1/alignments", params={"cycle_id": org.quarter})
        other_cycle = await org.peer.client.get("/v1/alignments", params={"cycle_id": "nope"})
        deleted = await org.member.client.delete(f"/v1/alignments/{edge['id']}")
        gone = await org.member.client.get(f"/v1/alignments/{edge['id']}")

        assert edge["parent_objective_id"] == parent.id
        assert edge["parent_key_result_id"] is None
        assert edge["created_by_id"] == org.member.id
        assert read.json() == edge
        assert [e["id"] for e in by_child.json()["items"]] == [edge["id"]]
        assert [e["id"] for e in by_cycle.json()["items"]] == [edge["id"]]
        assert other_cycle.json()["items"] == []
        assert deleted.status_code == 204
        assert_problem(gone, 404, "alignment.not_found")

    async def test_a_loop_is_refused_naming_it_in_order(self, app: FastAPI, org: Org) -> None:
        a = await seed_objective(
            app, cycle_id=org.quarter, owner_type="unit", owner_id=org.team, title="A"
        )
        b = await seed_objective(
            app, cycle_id=org.quarter, owner_type="unit", owner_id=org.team, title="B"
        )
        c = await seed_objective(
            app, cycle_id=org.quarter, owner_type="unit", owner_id=org.team, title="C"
        )
        for child, parent in ((a, b), (b, c)):
            ok = await org.boss.client.post(
                "/v1/alignments",
                json={"child_objective_id": child.id, "parent_objective_id": parent.id},
            )
            assert ok.status_code == 201, ok.text

        loop = await org.boss.client.post(
            "/v1/alignments", json={"child_objective_id": c.id, "parent_objective_id": a.id}
        )

        body = assert_problem(loop, 409, "alignment.cycle")
        assert f"{c.id} -> {a.id} -> {b.id} -> {c.id}" in str(body["detail"])
        assert body["errors"][0]["code"] == "alignment.cycle"  # type: ignore[index]

    async def test_every_violation_at_once(self, app: FastAPI, org: Org, admin: Actor) -> None:
        year = (await make_cycle(admin.client, state="active", **YEAR))["id"]
        parent = await seed_objective(app, cycle_id=org.quarter, owner_id=org.peer.id)
        child = await seed_objective(app, cycle_id=year, owner_id=org.member.id)

        refused = await org.member.client.post(
            "/v1/alignments",
            json={"child_objective_id": child.id, "parent_objective_id": parent.id},
        )

        body = assert_problem(refused, 409, "alignment.refused")
        codes = {e["code"] for e in body["errors"]}  # type: ignore[attr-defined]
        assert codes == {"alignment.period_not_contained", "alignment.not_upward"}

    async def test_duplicate_edge_and_mismatched_key_result(self, app: FastAPI, org: Org) -> None:
        parent = await seed_objective(app, cycle_id=org.quarter, owner_id=org.boss.id)
        other = await seed_objective(app, cycle_id=org.quarter, owner_id=org.boss.id)
        child = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        body = {"child_objective_id": child.id, "parent_key_result_id": parent.key_result_ids[0]}
        first = await org.member.client.post("/v1/alignments", json=body)

        again = await org.member.client.post("/v1/alignments", json=body)
        mismatch = await org.member.client.post(
            "/v1/alignments", json={**body, "parent_objective_id": other.id}
        )

        assert first.status_code == 201
        assert first.json()["parent_objective_id"] == parent.id
        assert_problem(again, 409, "alignment.duplicate")
        assert_problem(mismatch, 409, "alignment.key_result_mismatch")

    async def test_who_may_align_and_what_they_see(self, app: FastAPI, org: Org) -> None:
        parent = await seed_objective(app, cycle_id=org.quarter, owner_id=org.boss.id)
        draft_parent = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.peer.id, state="draft"
        )
        child = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        body = {"child_objective_id": child.id, "parent_objective_id": parent.id}

        by_peer = await org.peer.client.post("/v1/alignments", json=body)
        to_hidden = await org.member.client.post(
            "/v1/alignments", json={**body, "parent_objective_id": draft_parent.id}
        )
        by_manager = await org.boss.client.post("/v1/alignments", json=body)
        removed_by_peer = await org.peer.client.delete(f"/v1/alignments/{by_manager.json()['id']}")
        no_parent = await org.member.client.post(
            "/v1/alignments", json={"child_objective_id": child.id}
        )

        assert_problem(by_peer, 403, "alignment.edit_denied")
        assert_problem(to_hidden, 404, "objective.not_found")
        assert by_manager.status_code == 201
        assert_problem(removed_by_peer, 403, "alignment.edit_denied")
        assert_problem(no_parent, 422, "request.invalid")

    async def test_edges_to_hidden_drafts_are_not_listed(self, app: FastAPI, org: Org) -> None:
        parent = await seed_objective(app, cycle_id=org.quarter, owner_id=org.boss.id)
        draft = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, state="draft"
        )
        created = await org.member.client.post(
            "/v1/alignments",
            json={"child_objective_id": draft.id, "parent_objective_id": parent.id},
        )

        as_peer = await org.peer.client.get("/v1/alignments")
        as_boss = await org.boss.client.get("/v1/alignments")
        direct = await org.peer.client.get(f"/v1/alignments/{created.json()['id']}")

        assert created.status_code == 201, created.text
        assert as_peer.json()["items"] == []
        assert [e["id"] for e in as_boss.json()["items"]] == [created.json()["id"]]
        assert_problem(direct, 404, "alignment.not_found")


class TestDerivedRollup:
    async def test_aligning_to_a_derived_kr_rolls_up_and_unaligning_rolls_back(
        self, app: FastAPI, org: Org
    ) -> None:
        parent = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_type="unit",
            owner_id=org.root,
            key_results=[KR(kind="derived", weight="50"), KR(weight="50", current="40")],
        )
        child = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, key_results=[KR(current="80")]
        )

        created = await org.member.client.post(
            "/v1/alignments",
            json={"child_objective_id": child.id, "parent_key_result_id": parent.key_result_ids[0]},
        )
        aligned = await objective(org.peer.client, parent.id)
        await org.member.client.delete(f"/v1/alignments/{created.json()['id']}")
        unaligned = await objective(org.peer.client, parent.id)

        assert created.status_code == 201, created.text
        assert aligned["key_results"][0]["score"] == 0.8
        assert (aligned["score"], aligned["grade"]) == (0.6, "fair")
        assert unaligned["key_results"][0]["score"] == 0
        assert (unaligned["score"], unaligned["grade"]) == (0.2, "poor")


class TestDependencies:
    async def test_create_list_get_delete(self, app: FastAPI, org: Org) -> None:
        mine = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        theirs = await seed_objective(app, cycle_id=org.quarter, owner_id=org.peer.id)

        created = await org.member.client.post(
            "/v1/dependencies",
            json={
                "from_objective_id": mine.id,
                "to_key_result_id": theirs.key_result_ids[0],
                "note": "needs their API",
            },
        )
        dep = created.json()
        listed = await org.peer.client.get(
            "/v1/dependencies", params={"to_key_result_id": theirs.key_result_ids[0]}
        )
        other = await org.peer.client.get("/v1/dependencies", params={"to_objective_id": mine.id})
        read = await org.peer.client.get(f"/v1/dependencies/{dep['id']}")
        not_theirs = await org.peer.client.delete(f"/v1/dependencies/{dep['id']}")
        deleted = await org.member.client.delete(f"/v1/dependencies/{dep['id']}")

        assert created.status_code == 201, created.text
        assert dep["note"] == "needs their API"
        assert dep["to_objective_id"] is None
        assert [d["id"] for d in listed.json()["items"]] == [dep["id"]]
        assert other.json()["items"] == []
        assert read.json() == dep
        assert_problem(not_theirs, 403, "dependency.edit_denied")
        assert deleted.status_code == 204

    async def test_refusals(self, app: FastAPI, org: Org) -> None:
        mine = await seed_objective(app, cycle_id=org.quarter, owner_id=org.member.id)
        theirs = await seed_objective(app, cycle_id=org.quarter, owner_id=org.peer.id)
        draft = await seed_objective(app, cycle_id=org.quarter, owner_id=org.peer.id, state="draft")
        link = {"from_objective_id": mine.id, "to_objective_id": theirs.id}
        await org.member.client.post("/v1/dependencies", json=link)

        self_link = await org.member.client.post(
            "/v1/dependencies", json={"from_objective_id": mine.id, "to_objective_id": mine.id}
        )
        duplicate = await org.member.client.post("/v1/dependencies", json=link)
        both = await org.member.client.post(
            "/v1/dependencies",
            json={**link, "from_key_result_id": mine.key_result_ids[0]},
        )
        hidden = await org.member.client.post(
            "/v1/dependencies", json={"from_objective_id": mine.id, "to_objective_id": draft.id}
        )
        missing_kr = await org.member.client.post(
            "/v1/dependencies", json={"from_objective_id": mine.id, "to_key_result_id": "nope"}
        )

        assert_problem(self_link, 409, "dependency.self")
        assert_problem(duplicate, 409, "dependency.duplicate")
        assert_problem(both, 422, "request.invalid")
        assert_problem(hidden, 404, "objective.not_found")
        assert_problem(missing_kr, 404, "key_result.not_found")


class TestAlignmentGraph:
    async def test_json_mermaid_and_dot_without_hidden_drafts(self, app: FastAPI, org: Org) -> None:
        company = await seed_objective(
            app,
            cycle_id=org.quarter,
            owner_type="unit",
            owner_id=org.root,
            title='Grow "fast"',
            key_results=[KR(kind="derived")],
        )
        mine = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, key_results=[KR(current="70")]
        )
        draft = await seed_objective(
            app, cycle_id=org.quarter, owner_id=org.member.id, state="draft", title="Secret"
        )
        for child in (mine, draft):
            edge = await org.member.client.post(
                "/v1/alignments",
                json={"child_objective_id": child.id, "parent_objective_id": company.id},
            )
            assert edge.status_code == 201, edge.text
        edge = await org.member.client.post(
            "/v1/alignments",
            json={"child_objective_id": mine.id, "parent_key_result_id": company.key_result_ids[0]},
        )
        assert edge.status_code == 201, edge.text
        path = f"/v1/cycles/{org.quarter}/alignment-graph"

        as_peer = await org.peer.client.get(path)
        as_member = await org.member.client.get(path)
        mermaid = await org.peer.client.get(path, params={"format": "mermaid"})
        dot = await org.peer.client.get(path, params={"format": "dot"})
        bad = await org.peer.client.get(path, params={"format": "svg"})
        missing = await org.peer.client.get("/v1/cycles/nope/alignment-graph")

        graph = as_peer.json()
        nodes = {n["id"]: n for n in graph["nodes"]}
        assert set(nodes) == {company.id, mine.id}
        assert nodes[company.id]["key_results"][0]["score"] == 0.7
        assert (nodes[company.id]["score"], nodes[company.id]["grade"]) == (0.7, "good")
        assert len(graph["edges"]) == 2
        assert len(as_member.json()["nodes"]) == 3
        assert mermaid.headers["content-type"].startswith("text/plain")
        assert mermaid.text.startswith("flowchart BT\n")
        assert "#quot;fast#quot; (0.700 good)" in mermaid.text
        assert "Secret" not in mermaid.text
        assert dot.text.startswith("digraph alignment {")
        assert f'"{mine.id}" -> "{company.id}"' in dot.text
        assert '\\"fast\\"' in dot.text
        assert_problem(bad, 422, "request.invalid")
        assert_problem(missing, 404, "cycle.not_found")


async def test_a_person_feeds_their_own_annual_derived_kr_from_their_quarter(
    admin: Actor, org: Org
) -> None:
    year = await make_cycle(admin.client, state="active", **YEAR)
    quarter = await make_cycle(admin.client, state="active", parent_id=year["id"])
    member = org.member.client

    async def agreed(cycle_id: str, title: str, krs: list[dict[str, object]]) -> dict[str, object]:
        made = await member.post(
            "/v1/objectives",
            json={
                "cycle_id": cycle_id,
                "owner_type": "person",
                "owner_id": org.member.id,
                "title": title,
            },
        )
        assert made.status_code == 201, made.text
        for kr in krs:
            added = await member.post(f"/v1/objectives/{made.json()['id']}/key-results", json=kr)
            assert added.status_code == 201, added.text
        submitted = await member.post(f"/v1/objectives/{made.json()['id']}/submit")
        assert submitted.status_code == 200, submitted.text
        approved = await org.boss.client.post(f"/v1/objectives/{made.json()['id']}/approve")
        assert approved.status_code == 200, approved.text
        body: dict[str, object] = approved.json()
        return body

    annual = await agreed(
        year["id"],
        "Become the team's expert",
        [
            {
                "title": "Quarters deliver",
                "kind": "derived",
                "weight": 60,
                "due_on": "2026-12-31",
            },
            {"title": "Certification", "kind": "milestone", "weight": 40, "due_on": "2026-12-31"},
        ],
    )
    derived_kr = annual["key_results"][0]["id"]  # type: ignore[index]
    q1 = await agreed(
        quarter["id"],
        "Learn the product",
        [
            {
                "title": "Demos",
                "start_value": 0,
                "target_value": 10,
                "weight": 100,
                "due_on": "2026-03-31",
            }
        ],
    )
    other_q1 = await agreed(
        quarter["id"],
        "Help the team",
        [
            {
                "title": "Reviews",
                "start_value": 0,
                "target_value": 4,
                "weight": 100,
                "due_on": "2026-03-31",
            }
        ],
    )

    fed = await member.post(
        "/v1/alignments",
        json={"child_objective_id": q1["id"], "parent_key_result_id": derived_kr},
    )
    same_cycle = await member.post(
        "/v1/alignments",
        json={"child_objective_id": q1["id"], "parent_objective_id": other_q1["id"]},
    )
    downward = await member.post(
        "/v1/alignments",
        json={"child_objective_id": annual["id"], "parent_objective_id": q1["id"]},
    )
    by_peer = await org.peer.client.post(
        "/v1/alignments",
        json={"child_objective_id": q1["id"], "parent_objective_id": annual["id"]},
    )
    kr_id = q1["key_results"][0]["id"]  # type: ignore[index]
    check_in = await member.post(f"/v1/key-results/{kr_id}/check-ins", json={"value": 7})

    assert fed.status_code == 201, fed.text
    assert_problem(same_cycle, 409, "alignment.own_not_enclosing")
    assert downward.status_code == 409, downward.text
    assert "alignment.own_not_enclosing" in {e["code"] for e in downward.json()["errors"]}
    assert by_peer.status_code == 403, by_peer.text
    assert check_in.status_code == 201, check_in.text
    annual_now = await objective(member, str(annual["id"]))
    assert annual_now["key_results"][0]["score"] == 0.7
    assert annual_now["score"] == 0.42  # 0.6 * 0.70 + 0.4 * 0
