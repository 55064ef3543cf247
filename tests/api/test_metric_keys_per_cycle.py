"""Metric keys per cycle, over HTTP on both databases.

A metric key is unique among the KRs of one cycle: the KR of each cycle may carry it. A push by
metric key lands on the KR of the cycle running on the day observed (a closed cycle's KR is left
alone); when overlapping cycles both carry the key the item is refused (``metric_key.ambiguous``,
naming the cycles) and the caller names the KR by id. With the key on the owner's KR of last
cycle, ``lint.not_ambitious`` fires on ``GET /v1/objectives/{id}/lint`` and in the warnings of
``/submit`` when a target is at or below what the key reached.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.builders import (
    YEAR,
    Team,
    add_kr,
    key_result,
    make_cycle,
    make_objective,
    make_team,
    post_ok,
)
from tests.support.keys import new_key, with_key
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective

JAN = "2026-01-10T12:00:00Z"
FEB = "2026-02-10T12:00:00Z"
MAY = "2026-05-10T12:00:00Z"


async def _quarter(admin: Actor, name: str, starts: str, ends: str, state: str) -> str:
    cycle = await make_cycle(admin.client, name=name, starts_on=starts, ends_on=ends, state=state)
    cycle_id: str = cycle["id"]
    return cycle_id


def _by_key(metric_key: str, value: int, when: str, **extra: Any) -> dict[str, Any]:
    return {"metric_key": metric_key, "value": value, "observed_at": when, **extra}


async def _batch(client: httpx.AsyncClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
    response = await client.post("/v1/check-ins/batch", json={"items": list(items)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["items"]
    return results


class TestUniquePerCycle:
    async def test_one_key_on_krs_of_two_cycles_is_accepted_twice_in_one_cycle_refused(
        self, admin: Actor
    ) -> None:
        q1 = await _quarter(admin, "Q1", "2026-01-01", "2026-03-31", "planning")
        q2 = await _quarter(admin, "Q2", "2026-04-01", "2026-06-30", "planning")
        first = await make_objective(admin.client, q1, admin.id)
        second = await make_objective(admin.client, q1, admin.id, title="Another")
        later = await make_objective(admin.client, q2, admin.id)

        kept = await add_kr(admin.client, first["id"], metric_key="sales.signed", weight=50)
        next_quarter = await add_kr(admin.client, later["id"], metric_key="sales.signed")
        plain = await add_kr(admin.client, second["id"], weight=50)
        taken = await admin.client.post(
            f"/v1/objectives/{second['id']}/key-results",
            json={"title": "Dup", "weight": 10, "metric_key": "sales.signed"},
        )
        taken_by_patch = await admin.client.patch(
            f"/v1/key-results/{plain['id']}", json={"metric_key": "sales.signed"}
        )
        other_cycle_patch = await admin.client.patch(
            f"/v1/key-results/{next_quarter['id']}", json={"metric_key": "sales.renamed"}
        )
        back_again = await admin.client.patch(
            f"/v1/key-results/{next_quarter['id']}", json={"metric_key": "sales.signed"}
        )

        assert (kept["metric_key"], next_quarter["metric_key"]) == ("sales.signed",) * 2
        assert_problem(taken, 409, "key_result.metric_key_taken")
        assert kept["id"] in taken.json()["detail"]
        assert_problem(taken_by_patch, 409, "key_result.metric_key_taken")
        assert other_cycle_patch.status_code == 200, other_cycle_patch.text
        assert back_again.status_code == 200, back_again.text
        listed = await admin.client.get("/v1/key-results", params={"metric_key": "sales.signed"})
        assert {kr["id"] for kr in listed.json()["items"]} == {kept["id"], next_quarter["id"]}


@pytest.fixture
async def quarters(app: FastAPI, admin: Actor) -> dict[str, str]:
    """Q4 2025 closed, Q1 2026 active, the year 2026 active, each with KRs of the admin:
    ``sales.signed`` on Q4 and Q1, ``churn`` on Q1 and the year, ``nps`` on the year only."""
    q4 = await _quarter(admin, "Q4", "2025-10-01", "2025-12-31", "closed")
    q1 = await _quarter(admin, "Q1", "2026-01-01", "2026-03-31", "active")
    year = (await make_cycle(admin.client, **YEAR, state="active"))["id"]
    old = await seed_objective(
        app,
        cycle_id=q4,
        owner_id=admin.id,
        key_results=[KR(current="30", metric_key="sales.signed")],
    )
    now = await seed_objective(
        app,
        cycle_id=q1,
        owner_id=admin.id,
        key_results=[
            KR(weight="50", metric_key="sales.signed"),
            KR(weight="50", metric_key="churn"),
        ],
    )
    annual = await seed_objective(
        app,
        cycle_id=year,
        owner_id=admin.id,
        key_results=[KR(weight="50", metric_key="churn"), KR(weight="50", metric_key="nps")],
    )
    return {
        "q4": q4,
        "q1": q1,
        "year": year,
        "old_sales": old.key_result_ids[0],
        "sales": now.key_result_ids[0],
        "q1_churn": now.key_result_ids[1],
        "year_churn": annual.key_result_ids[0],
        "nps": annual.key_result_ids[1],
    }


class TestPushByMetricKey:
    async def test_a_push_lands_on_the_running_cycles_kr_and_leaves_the_closed_ones(
        self, admin: Actor, quarters: dict[str, str]
    ) -> None:
        (result,) = await _batch(admin.client, _by_key("sales.signed", 7, JAN))

        assert result["outcome"] == "created", result
        assert (await key_result(admin.client, quarters["sales"]))["current_value"] == 7
        assert (await key_result(admin.client, quarters["old_sales"]))["current_value"] == 30

    async def test_overlapping_cycles_with_the_key_are_refused_per_item_naming_them(
        self, admin: Actor, quarters: dict[str, str]
    ) -> None:
        results = await _batch(
            admin.client,
            _by_key("churn", 5, FEB),
            _by_key("churn", 6, FEB, key_result_id=quarters["year_churn"]),
            _by_key("churn", 8, MAY),  # only the year runs in May
            _by_key("sales.signed", 9, FEB),
            _by_key("nps", 40, FEB),
            _by_key("unknown.key", 1, FEB),
            {"key_result_id": quarters["q1_churn"], "value": 3, "observed_at": FEB},
        )

        assert [r["outcome"] for r in results] == [
            "refused",
            "created",
            "created",
            "created",
            "created",
            "refused",
            "created",
        ]
        ambiguous = results[0]["error"]
        assert (ambiguous["code"], ambiguous["field"]) == ("metric_key.ambiguous", "metric_key")
        assert quarters["q1"] in ambiguous["message"] and quarters["year"] in ambiguous["message"]
        assert "key_result_id" in ambiguous["message"]
        assert results[5]["error"]["code"] == "key_result.not_found"
        assert (await key_result(admin.client, quarters["year_churn"]))["current_value"] == 8
        assert (await key_result(admin.client, quarters["q1_churn"]))["current_value"] == 3
        assert (await key_result(admin.client, quarters["sales"]))["current_value"] == 9
        assert (await key_result(admin.client, quarters["nps"]))["current_value"] == 40

    async def test_an_id_with_another_krs_key_is_refused_as_a_mismatch(
        self, admin: Actor, quarters: dict[str, str]
    ) -> None:
        (mismatch, closed) = await _batch(
            admin.client,
            _by_key("sales.signed", 4, JAN, key_result_id=quarters["nps"]),
            # The closed quarter's KR named by id and its own key: the cycle refuses it.
            _by_key("sales.signed", 4, JAN, key_result_id=quarters["old_sales"]),
        )

        assert mismatch["error"]["code"] == "check_in.metric_key_mismatch"
        assert closed["error"]["code"] == "check_in.cycle_not_open"
        assert (await key_result(admin.client, quarters["nps"]))["current_value"] is None

    async def test_a_key_restricted_to_a_metric_key_pushes_to_the_running_cycle(
        self, app: FastAPI, admin: Actor, quarters: dict[str, str]
    ) -> None:
        key = await new_key(admin, "metrics:write", metric_keys=["sales.signed"])
        async with with_key(app, key["secret"]) as pusher:
            results = await _batch(
                pusher,
                _by_key("sales.signed", 11, JAN, source="crm", external_id="s-1"),
                _by_key("churn", 2, MAY, source="crm", external_id="c-1"),
                _by_key("sales.signed", 11, JAN, source="crm", external_id="s-1"),
            )

        assert [r["outcome"] for r in results] == ["created", "refused", "duplicate"]
        assert results[1]["error"]["code"] == "check_in.key_restricted"
        assert (await key_result(admin.client, quarters["sales"]))["current_value"] == 11
        assert (await key_result(admin.client, quarters["old_sales"]))["current_value"] == 30


async def test_an_ambiguous_key_names_only_the_cycles_whose_krs_the_caller_sees(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_team(admin, make_actor)
    q1 = await _quarter(admin, "Q1", "2026-01-01", "2026-03-31", "active")
    year = (await make_cycle(admin.client, **YEAR, state="active"))["id"]
    mine = await seed_objective(
        app, cycle_id=q1, owner_id=team.member.id, key_results=[KR(metric_key="visits.done")]
    )
    # Drafts of the peer's, which the member may not see, carry the keys: visits.done in the
    # year, hidden.only in both cycles.
    for cycle_id, key in ((year, "visits.done"), (year, "hidden.only"), (q1, "hidden.only")):
        await seed_objective(
            app,
            cycle_id=cycle_id,
            owner_id=team.peer.id,
            state="draft",
            key_results=[KR(metric_key=key)],
        )

    results = await _batch(
        team.member.client, _by_key("visits.done", 3, FEB), _by_key("hidden.only", 3, FEB)
    )

    assert [r["outcome"] for r in results] == ["refused", "refused"]
    ambiguous = results[0]["error"]
    assert ambiguous["code"] == "metric_key.ambiguous"
    assert q1 in ambiguous["message"] and year not in ambiguous["message"]
    assert results[1]["error"]["code"] == "key_result.not_found"
    assert (await key_result(team.member.client, mine.key_result_ids[0]))["current_value"] is None


@pytest.fixture
async def team(admin: Actor, make_actor: MakeActor) -> Team:
    return await make_team(admin, make_actor)


@pytest.fixture
async def last_quarter(app: FastAPI, admin: Actor, team: Team) -> str:
    """Q4 2025, closed, where the member's agreed KRs reached 42 under four metric keys."""
    q4 = await _quarter(admin, "Q4", "2025-10-01", "2025-12-31", "closed")
    keys = ("crm.timid", "crm.equal", "crm.bold", "crm.zh")
    await seed_objective(
        app,
        cycle_id=q4,
        owner_id=team.member.id,
        key_results=[KR(weight="25", current="42", metric_key=key) for key in keys],
    )
    # Another owner's KR that reached more is not the member's previous cycle.
    await seed_objective(
        app,
        cycle_id=q4,
        owner_id=team.peer.id,
        key_results=[KR(current="99", metric_key="crm.peer")],
    )
    return q4


async def _draft_in_q1(
    admin: Actor, team: Team, planned: list[tuple[str, int, str]], weight: int
) -> tuple[str, list[dict[str, Any]]]:
    """The member's draft in Q1 2026 (planning) with KRs ``(title, target, metric_key)``."""
    q1 = await _quarter(admin, "Q1", "2026-01-01", "2026-03-31", "planning")
    member = team.member.client
    draft = await make_objective(member, q1, team.member.id, title="Grow the customer base")
    krs = [
        await add_kr(
            member, draft["id"], title=title, target_value=target, metric_key=key, weight=weight
        )
        for title, target, key in planned
    ]
    return draft["id"], krs


class TestNotAmbitiousLint:
    async def test_a_target_at_or_below_last_cycles_value_is_flagged_on_lint_and_submit(
        self, admin: Actor, team: Team, last_quarter: str
    ) -> None:
        planned = [
            ("Sign 40 new customers", 40, "crm.timid"),
            ("Sign 42 new customers", 42, "crm.equal"),
            ("Sign 60 new customers", 60, "crm.bold"),
            ("签约30家新客户", 30, "crm.zh"),
        ]
        draft, (timid, equal, _bold, zh) = await _draft_in_q1(admin, team, planned, 25)
        member = team.member.client

        lint = await member.get(f"/v1/objectives/{draft}/lint")
        submitted = await post_ok(member, f"/v1/objectives/{draft}/submit", None, 200)

        assert lint.status_code == 200, lint.text
        flagged = {
            f["field"]: f for f in lint.json()["findings"] if f["code"] == "lint.not_ambitious"
        }
        assert set(flagged) == {
            f"key_results[{kr['id']}].target_value" for kr in (timid, equal, zh)
        }
        english = flagged[f"key_results[{timid['id']}].target_value"]
        assert "40" in english["message"] and "42" in english["message"]
        assert "crm.timid" in english["message"] and english["source"] == "okr-domain.md §10"
        chinese = flagged[f"key_results[{zh['id']}].target_value"]["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
        assert "30" in chinese and "42" in chinese
        assert submitted["state"] == "proposed"
        warned = {
            w["field"]: w["message"]
            for w in submitted["warnings"]
            if w["code"] == "lint.not_ambitious"
        }
        assert warned == {field: f["message"] for field, f in flagged.items()}

    async def test_targets_above_last_cycles_values_are_not_flagged(
        self, admin: Actor, team: Team, last_quarter: str
    ) -> None:
        above = [
            ("Sign 43 new customers", 43, "crm.timid"),
            ("签约50家新客户", 50, "crm.zh"),
            # What another owner reached is not this owner's previous cycle.
            ("Sign 50 partners", 50, "crm.peer"),
        ]
        draft, _krs = await _draft_in_q1(admin, team, above, 30)

        lint = await team.member.client.get(f"/v1/objectives/{draft}/lint")

        assert lint.status_code == 200, lint.text
        assert not [f for f in lint.json()["findings"] if f["code"] == "lint.not_ambitious"]
