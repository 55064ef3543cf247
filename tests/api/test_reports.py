"""``GET /v1/cycles/{id}/report`` on a small hand-built organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from persistence.tables import ReviewRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.problems import assert_problem
from tests.support.seed import seed_alignment, seed_check_in, seed_scored_objective
from tests.support.statements import count_queries

NOW = datetime.now(UTC)
TODAY = NOW.date()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


async def unit(client: httpx.AsyncClient, name: str, parent_id: str | None = None) -> str:
    response = await client.post("/v1/org-units", json={"name": name, "parent_id": parent_id})
    assert response.status_code == 201, response.text
    unit_id: str = response.json()["id"]
    return unit_id


async def head(client: httpx.AsyncClient, unit_id: str, person_id: str) -> None:
    response = await client.patch(f"/v1/org-units/{unit_id}", json={"head_id": person_id})
    assert response.status_code == 200, response.text


@dataclass
class Org:
    cycle_id: str
    root: str
    sales: str
    eng: str
    ceo: Actor
    sales_head: Actor
    rep: Actor
    eng_head: Actor
    objectives: dict[str, str]


@pytest.fixture
async def org(app: FastAPI, admin: Actor, make_actor: MakeActor) -> Org:
    client = admin.client
    root = await unit(client, "Company")
    sales = await unit(client, "Sales", root)
    eng = await unit(client, "Engineering", root)
    ceo = await make_actor(unit_id=root)
    sales_head = await make_actor(unit_id=sales, manager_id=ceo.id)
    rep = await make_actor(unit_id=sales, manager_id=sales_head.id)
    eng_head = await make_actor(unit_id=eng, manager_id=ceo.id)
    for unit_id, person in ((root, ceo), (sales, sales_head), (eng, eng_head)):
        await head(client, unit_id, person.id)
    cycle = await make_cycle(
        client,
        state="active",
        starts_on=(TODAY - timedelta(days=60)).isoformat(),
        ends_on=(TODAY + timedelta(days=30)).isoformat(),
        planning_deadline=(TODAY - timedelta(days=45)).isoformat(),
    )
    cid = cycle["id"]
    company = await seed_scored_objective(
        app,
        cycle_id=cid,
        owner_type="unit",
        owner_id=root,
        origin="top_down",
        key_results=[("100", "0.65")],
        last_check_in_at=NOW,
    )
    team = await seed_scored_objective(
        app,
        cycle_id=cid,
        owner_type="unit",
        owner_id=sales,
        key_results=[("100", "0.90")],
        last_check_in_at=NOW - timedelta(days=2),
    )
    personal = await seed_scored_objective(
        app, cycle_id=cid, owner_id=rep.id, key_results=[("100", "0.30")]
    )
    draft = await seed_scored_objective(app, cycle_id=cid, owner_id=rep.id, state="draft")
    cancelled = await seed_scored_objective(
        app, cycle_id=cid, owner_id=eng_head.id, state="cancelled", origin="top_down"
    )
    await seed_alignment(app, team.id, company.id)
    last_week = datetime.combine(MONDAY - timedelta(days=7), datetime.min.time(), UTC)
    await seed_check_in(app, team.key_result_ids[0], observed_at=last_week, confidence=6)
    await seed_check_in(
        app, team.key_result_ids[0], observed_at=last_week + timedelta(days=2), confidence=8
    )
    await seed_check_in(
        app, personal.key_result_ids[0], observed_at=last_week + timedelta(days=1), confidence=4
    )
    await seed_check_in(
        app, team.key_result_ids[0], observed_at=last_week + timedelta(days=7), confidence=7
    )
    await seed_check_in(
        app, draft.key_result_ids[0], observed_at=last_week + timedelta(days=7), confidence=1
    )
    async with app.state.session_factory() as session, session.begin():
        session.add(ReviewRow(objective_id=team.id, state="submitted"))
    ids = {
        "company": company.id,
        "team": team.id,
        "personal": personal.id,
        "personal_kr": personal.key_result_ids[0],
        "draft": draft.id,
        "cancelled": cancelled.id,
    }
    return Org(cid, root, sales, eng, ceo, sales_head, rep, eng_head, ids)


def report_path(org: Org) -> str:
    return f"/v1/cycles/{org.cycle_id}/report"


class TestCycleReport:
    async def test_whole_organisation(self, admin: Actor, org: Org) -> None:
        response = await admin.client.get(report_path(org))

        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["objectives"] == 5
        loads = {(o["owner_id"], o["count"], o["status"]) for o in body["objectives_per_owner"]}
        assert loads == {
            (org.root, 1, "too_few"),
            (org.sales, 1, "too_few"),
            (org.eng, 0, "too_few"),
            (org.ceo.id, 0, "too_few"),
            (org.sales_head.id, 0, "too_few"),
            (org.rep.id, 2, "ok"),
            (org.eng_head.id, 0, "too_few"),
        }
        assert body["scores"] == {
            "objectives": 3,
            "scored": 3,
            "mean": 0.617,
            "grades": {"excellent": 1, "good": 0, "fair": 1, "pass": 0, "poor": 1},
            "in_sweet_spot": 1,
            "sweet_spot_share": 0.333,
        }
        assert body["bottom_up"] == {
            "total": 4,
            "bottom_up": 3,
            "share": 0.75,
            "target": 0.6,
            "meets_target": True,
        }
        coverage = body["alignment_coverage"]
        assert (coverage["eligible"], coverage["aligned"], coverage["share"]) == (3, 1, 0.333)
        assert sorted(coverage["unaligned_objective_ids"]) == sorted(
            [org.objectives["personal"], org.objectives["draft"]]
        )
        assert [k["key_result_id"] for k in body["stale_key_results"]] == [
            org.objectives["personal_kr"]
        ]
        assert {o["owner_id"] for o in body["owners_without_agreed_okrs"]} == {
            org.eng,
            org.ceo.id,
            org.sales_head.id,
            org.eng_head.id,
        }
        assert body["confidence_trend"] == [
            {
                "week": (MONDAY - timedelta(days=7)).isoformat(),
                "key_results": 2,
                "mean_confidence": 6,
            },
            {"week": MONDAY.isoformat(), "key_results": 1, "mean_confidence": 7},
        ]
        assert body["review_completion"] == {
            "due": 3,
            "missing": 2,
            "draft": 0,
            "submitted": 1,
            "confirmed": 0,
            "confirmed_share": 0,
            "submitted_or_confirmed_share": 0.333,
        }

    async def test_a_unit_and_its_people(self, admin: Actor, org: Org) -> None:
        response = await admin.client.get(report_path(org), params={"unit_id": org.sales})

        body = response.json()
        assert body["objectives"] == 3
        assert {o["owner_id"] for o in body["objectives_per_owner"]} == {
            org.sales,
            org.sales_head.id,
            org.rep.id,
        }
        assert body["alignment_coverage"]["eligible"] == 3
        assert body["scores"]["objectives"] == 2
        assert [o["owner_id"] for o in body["owners_without_agreed_okrs"]] == [org.sales_head.id]

    async def test_hidden_drafts_are_neither_counted_nor_named(
        self, admin: Actor, org: Org
    ) -> None:
        as_admin = (await admin.client.get(report_path(org))).json()
        response = await org.eng_head.client.get(report_path(org))

        body = response.json()
        coverage = body["alignment_coverage"]
        assert as_admin["objectives"] == 5
        assert body["objectives"] == 4
        assert as_admin["alignment_coverage"]["eligible"] == 3
        assert coverage["eligible"] == 2
        assert coverage["unaligned_objective_ids"] == [org.objectives["personal"]]
        assert org.objectives["draft"] not in response.text
        loads = {o["owner_id"]: o["count"] for o in body["objectives_per_owner"]}
        admin_loads = {o["owner_id"]: o["count"] for o in as_admin["objectives_per_owner"]}
        assert loads[org.rep.id] == admin_loads[org.rep.id] - 1

    async def test_unknown_cycle_and_unit_are_404(self, admin: Actor, org: Org) -> None:
        cycle = await admin.client.get("/v1/cycles/nope/report")
        unit = await admin.client.get(report_path(org), params={"unit_id": "nope"})

        assert_problem(cycle, 404, "cycle.not_found")
        assert_problem(unit, 404, "org_unit.not_found")

    async def test_the_number_of_queries_does_not_grow_with_the_data(
        self, app: FastAPI, admin: Actor, org: Org
    ) -> None:
        before = await count_queries(app, admin.client.get(report_path(org)))
        for _ in range(5):
            extra = await seed_scored_objective(app, cycle_id=org.cycle_id, owner_id=org.rep.id)
            await seed_alignment(app, extra.id, org.objectives["company"])
        after = await count_queries(app, admin.client.get(report_path(org)))

        assert before == after
