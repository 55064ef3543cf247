"""Forecasts on reads of KRs and objectives, the band events, the backtest of a closed cycle, and
OKR lint (``GET /v1/objectives/{id}/lint`` and the warnings of ``/submit``), over HTTP on both
databases."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import update
from typer.testing import CliRunner

from api.cli import cli
from api.services.forecasts import backtest_as_dict, backtest_cycle, refresh_bands
from api.settings import get_settings
from domain.errors import RuleViolation
from domain.forecast import ForecastPoint, forecast_key_result
from domain.model import KeyResultKind
from persistence.tables import AlignmentRow, CheckInRow
from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import (
    Team,
    add_kr,
    key_result,
    make_cycle,
    make_objective,
    make_team,
    objective,
    post_ok,
)
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_alignment, seed_objective

GUIDE_ACTIVITY_KR = "一周至少用2个小时的时间,跟随并学习团队销售之星"


def at(month: int, day: int) -> str:
    return datetime(2026, month, day, 12, tzinfo=UTC).isoformat()


async def push(actor: Actor, kr_id: str, value: Any, when: str) -> dict[str, Any]:
    body = {"value": value, "observed_at": when}
    answer: dict[str, Any] = await post_ok(actor.client, f"/v1/key-results/{kr_id}/check-ins", body)
    return answer


@pytest.fixture
async def team(admin: Actor, make_actor: MakeActor) -> Team:
    return await make_team(admin, make_actor)


@pytest.fixture
async def quarter(admin: Actor) -> str:
    cycle_id: str = (await make_cycle(admin.client, state="active"))["id"]
    return cycle_id


class TestForecastOnReads:
    async def test_a_kr_with_a_trend_gets_the_domain_forecast_and_its_band(
        self, app: FastAPI, team: Team, quarter: str
    ) -> None:
        okr = await seed_objective(
            app,
            cycle_id=quarter,
            owner_id=team.member.id,
            key_results=[KR(target="100", weight="60"), KR(target="100", weight="40")],
        )
        steady, idle = okr.key_result_ids
        points = [(1, 15, 10), (1, 31, 22), (2, 14, 33), (2, 28, 45)]
        for month, day, value in points:
            await push(team.member, steady, value, at(month, day))

        kr = await key_result(team.peer.client, steady)
        obj = await objective(team.peer.client, okr.id)
        listed = await team.peer.client.get("/v1/key-results", params={"objective_id": okr.id})

        expected = forecast_key_result(
            kind=KeyResultKind.NUMERIC,
            start=Decimal(0),
            target=Decimal(100),
            points=[
                ForecastPoint(datetime(2026, m, d, 12, tzinfo=UTC), Decimal(v))
                for m, d, v in points
            ],
            cycle_starts_on=datetime(2026, 1, 1).date(),
            cycle_ends_on=datetime(2026, 3, 31).date(),
        )
        forecast = kr["forecast"]
        assert forecast["method"] == "theil_sen"
        assert forecast["points_used"] == expected.points_used
        assert Decimal(str(forecast["score"])) == expected.score
        assert Decimal(str(forecast["low"])) == expected.low
        assert Decimal(str(forecast["high"])) == expected.high
        assert forecast["band"] == (expected.band.value if expected.band else None)
        assert forecast["interval_level"] == 0.8
        assert forecast["low"] <= forecast["score"] <= forecast["high"]
        assert listed.json()["items"][0]["forecast"] == forecast
        embedded = {k["id"]: k["forecast"] for k in obj["key_results"]}
        assert embedded[steady] == forecast
        assert embedded[idle]["method"] == "none"
        assert embedded[idle]["reason"] == "no_check_ins"
        assert embedded[idle]["reason_message"] == "no check-in in the cycle yet"
        assert (embedded[idle]["score"], embedded[idle]["band"]) == (None, None)
        assert obj["forecast"]["method"] == "none"
        assert obj["forecast"]["reason"] == "key_result_without_forecast"
        report = (await team.peer.client.get(f"/v1/cycles/{quarter}/report")).json()
        counts = report["forecast"]["key_results"]
        assert counts["none"] == 1
        assert counts[forecast["band"]] == 1
        assert report["forecast"]["objectives"]["none"] == 1
        band_ids = {"off_track": "off_track_key_result_ids", "at_risk": "at_risk_key_result_ids"}
        if forecast["band"] in band_ids:
            assert report["forecast"][band_ids[forecast["band"]]] == [steady]

    async def test_an_objective_forecast_is_the_weighted_one_and_bands_follow_the_policy(
        self, app: FastAPI, admin: Actor, team: Team, quarter: str
    ) -> None:
        okr = await seed_objective(
            app,
            cycle_id=quarter,
            owner_id=team.member.id,
            key_results=[KR(target="10", weight="75"), KR(kind="milestone", weight="25")],
        )
        numeric, milestone = okr.key_result_ids
        await push(team.member, numeric, 4, at(2, 14))
        await post_ok(
            team.member.client,
            f"/v1/key-results/{milestone}/check-ins",
            {"done": True, "observed_at": at(2, 1)},
        )

        obj = await objective(team.member.client, okr.id)
        by_id = {k["id"]: k["forecast"] for k in obj["key_results"]}

        assert by_id[numeric]["method"] == "pace"
        assert by_id[milestone]["method"] == "milestone_done"
        assert by_id[milestone]["score"] == 1.0
        weighted = (
            Decimal(str(by_id[numeric]["score"])) * 75
            + Decimal(str(by_id[milestone]["score"])) * 25
        ) / 100
        assert Decimal(str(obj["forecast"]["score"])) == weighted.quantize(Decimal("0.001"))
        assert obj["forecast"]["method"] == "weighted"
        assert obj["forecast"]["points_used"] == 2
        listed = await team.member.client.get("/v1/objectives", params={"cycle_id": quarter})
        assert listed.json()["items"][0]["forecast"] == obj["forecast"]

        band = by_id[numeric]["band"]
        assert band is not None
        await admin.client.patch(
            "/v1/policy", json={"sweet_spot_low": 0.05, "reconsider_below": 0.01}
        )
        assert (await key_result(team.member.client, numeric))["forecast"]["band"] == "on_track"

    async def test_a_derived_kr_says_why_it_has_no_forecast(
        self, app: FastAPI, team: Team, quarter: str
    ) -> None:
        okr = await seed_objective(
            app,
            cycle_id=quarter,
            owner_id=team.member.id,
            key_results=[KR(kind="derived", start=None, target=None)],
        )

        kr = await key_result(team.member.client, okr.key_result_ids[0])

        assert (kr["forecast"]["method"], kr["forecast"]["reason"]) == ("none", "derived")

    async def test_a_derived_kr_rolls_up_the_forecasts_of_the_objectives_aligned_to_it(
        self, app: FastAPI, team: Team, quarter: str
    ) -> None:
        parent = await seed_objective(
            app,
            cycle_id=quarter,
            owner_id=team.manager.id,
            key_results=[KR(kind="derived", start=None, target=None)],
        )
        child = await seed_objective(
            app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="10")]
        )
        async with app.state.session_factory() as session, session.begin():
            session.add(
                AlignmentRow(
                    child_objective_id=child.id,
                    parent_objective_id=parent.id,
                    parent_key_result_id=parent.key_result_ids[0],
                )
            )
        await push(team.member, child.key_result_ids[0], 3, at(2, 1))

        child_forecast = (await objective(team.peer.client, child.id))["forecast"]
        shown = await objective(team.peer.client, parent.id)
        derived = shown["key_results"][0]["forecast"]

        assert derived["method"] == "derived_rollup"
        assert derived["points_used"] == 1
        assert derived["score"] == round(child_forecast["score"], 2)
        assert shown["forecast"]["method"] == "weighted"
        report = (await team.peer.client.get(f"/v1/cycles/{quarter}/report")).json()
        assert report["forecast"]["key_results"]["none"] == 0


class TestBandEvents:
    async def test_refresh_records_a_band_change_once(
        self, app: FastAPI, team: Team, quarter: str
    ) -> None:
        okr = await seed_objective(
            app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="100")]
        )
        kr_id = okr.key_result_ids[0]
        for month, day, value in [(1, 10, 20), (1, 25, 40), (2, 10, 60)]:
            await push(team.member, kr_id, value, at(month, day))

        async with app.state.session_factory() as session, session.begin():
            first = await refresh_bands(session, cycle_id=quarter)
        async with app.state.session_factory() as session, session.begin():
            again = await refresh_bands(session, cycle_id=quarter)
        wrong = await push(team.member, kr_id, 0, at(3, 1))
        async with app.state.session_factory() as session, session.begin():
            dropped = await refresh_bands(session, cycle_id=quarter)
        voided = await team.member.client.post(
            f"/v1/check-ins/{wrong['id']}/void", json={"reason": "sensor reset"}
        )

        assert voided.status_code == 200, voided.text
        assert (first, again, dropped) == (1, 0, 1)
        feed = (await team.peer.client.get("/v1/events", params={"limit": 500})).json()["items"]
        bands = [
            (e["data"]["previous_band"], e["data"]["forecast"]["band"])
            for e in feed
            if e["type"] == "key_result.band_changed"
        ]
        assert bands == [(None, "on_track"), ("on_track", "off_track"), ("off_track", "on_track")]


class TestBacktest:
    async def test_a_closed_cycle_is_replayed_week_by_week(
        self,
        app: FastAPI,
        database: Database,
        admin: Actor,
        team: Team,
        quarter: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        okr = await seed_objective(
            app, cycle_id=quarter, owner_id=team.member.id, key_results=[KR(target="12")]
        )
        kr_id = okr.key_result_ids[0]
        for week in range(12):
            day = 1 + week * 7
            await push(team.member, kr_id, week + 1, at(1 + (day - 1) // 31, 1 + (day - 1) % 31))
        async with app.state.session_factory() as session, session.begin():
            # as if each point had been pushed when it was observed
            await session.execute(
                update(CheckInRow)
                .where(CheckInRow.key_result_id == kr_id)  # type: ignore[arg-type]
                .values(received_at=CheckInRow.observed_at)
            )
        async with app.state.session_factory() as session, session.begin():
            with pytest.raises(RuleViolation, match="only a closed cycle"):
                await backtest_cycle(session, quarter)
        for step in ("start-review", "close"):
            await post_ok(admin.client, f"/v1/cycles/{quarter}/{step}", None, 200)

        async with app.state.session_factory() as session, session.begin():
            report = await backtest_cycle(session, quarter)

        assert report.overall.forecasts == len(report.by_week) == 12
        assert report.overall.mean_absolute_error is not None
        assert report.overall.mean_absolute_error < Decimal("0.2")
        assert report.by_week[-1].mean_absolute_error is not None
        assert report.by_week[-1].mean_absolute_error <= report.by_week[0].mean_absolute_error  # type: ignore[operator]
        monkeypatch.setenv("OKR_DATABASE_URL", database.url)
        get_settings.cache_clear()
        try:
            ran = await asyncio.to_thread(
                CliRunner().invoke, cli, ["forecast", "backtest", "--cycle", quarter]
            )
            refused = await asyncio.to_thread(
                CliRunner().invoke, cli, ["forecast", "backtest", "--cycle", "no-such-cycle"]
            )
        finally:
            get_settings.cache_clear()
        assert ran.exit_code == 0, ran.output
        assert json.loads(ran.output) == backtest_as_dict(report)
        assert refused.exit_code == 1
        assert "does not exist" in refused.output


class TestLint:
    async def test_the_guides_activity_kr_is_flagged_in_chinese_with_its_source(
        self, admin: Actor, team: Team
    ) -> None:
        cycle = await make_cycle(admin.client)
        draft = await make_objective(
            team.member.client, cycle["id"], team.member.id, title="成为团队的销售冠军"
        )
        activity = await add_kr(
            team.member.client, draft["id"], title=GUIDE_ACTIVITY_KR, unit="小时", weight=100
        )

        response = await team.member.client.get(f"/v1/objectives/{draft['id']}/lint")
        hidden = await team.peer.client.get(f"/v1/objectives/{draft['id']}/lint")

        assert response.status_code == 200, response.text
        findings = {f["code"]: f for f in response.json()["findings"]}
        flagged = findings["lint.key_result_activity"]
        assert flagged["field"] == f"key_results[{activity['id']}].title"
        assert flagged["source"] == "okr-domain.md §10"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in flagged["message"])
        assert findings["lint.key_result_effort_unit"]["field"] == (
            f"key_results[{activity['id']}].unit"
        )
        assert {"lint.few_key_results", "lint.not_aligned", "lint.no_sub_periods"} <= set(findings)
        assert_problem(hidden, 404, "objective.not_found")

    async def test_submit_returns_the_same_findings_as_warnings_and_does_not_block(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        cycle = await make_cycle(admin.client)
        await admin.client.patch("/v1/policy", json={"objective_numbers": "forbid"})
        parent = await seed_objective(
            app, cycle_id=cycle["id"], owner_id=team.manager.id, title="Grow the region"
        )
        draft = await make_objective(
            team.member.client, cycle["id"], team.member.id, title="Sign 30 new customers"
        )
        await add_kr(team.member.client, draft["id"], title="Attend trade fairs", weight=50)
        await add_kr(team.member.client, draft["id"], title="Raise revenue to 2 million", weight=50)
        await seed_alignment(app, draft["id"], parent.id)
        lint = (await team.member.client.get(f"/v1/objectives/{draft['id']}/lint")).json()

        submitted = await post_ok(
            team.member.client, f"/v1/objectives/{draft['id']}/submit", None, 200
        )

        assert submitted["state"] == "proposed"
        codes = {f["code"] for f in lint["findings"]}
        assert "lint.objective_with_number" in codes
        assert "lint.key_result_activity" in codes
        assert "lint.not_aligned" not in codes
        from_submit = [
            {k: w[k] for k in ("code", "message", "field", "source")}
            for w in submitted["warnings"]
            if w["source"] is not None
        ]
        assert from_submit == lint["findings"]

    async def test_an_unknown_policy_choice_is_refused(self, admin: Actor) -> None:
        response = await admin.client.patch("/v1/policy", json={"objective_numbers": "sometimes"})

        assert response.status_code == 422, response.text
