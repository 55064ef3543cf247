"""The demo organisation builds on a fresh SQLite database and yields agreed, scored OKRs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlmodel import col

from api.app import create_app, dispose_app
from api.bootstrap import DEMO_HOOKS, bootstrap
from api.demo import TOKEN_NAME, demo_hook
from api.settings import Settings
from persistence import migrate
from persistence.tables import PersonTokenRow

TOKEN = "okr_pat_demoadmin_" + "d" * 40


async def test_the_demo_builds_through_the_api(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    await migrate.upgrade(url)
    app = create_app(Settings(database_url=url, demo=True))
    try:
        assert demo_hook in DEMO_HOOKS
        created = await bootstrap(
            app.state.session_factory, token=TOKEN, secret_key=app.state.secret_key, demo=True
        )
        assert created is not None
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test",
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as client:
            people = (await client.get("/v1/people", params={"limit": 500})).json()["items"]
            units = (await client.get("/v1/org-units", params={"limit": 500})).json()["items"]
            cycles = (await client.get("/v1/cycles")).json()["items"]
            objectives = (await client.get("/v1/objectives", params={"limit": 500})).json()
            krs = (await client.get("/v1/key-results", params={"limit": 500})).json()["items"]
            current = (await client.get("/v1/current-cycle")).json()
            report = (await client.get("/v1/current-cycle/report")).json()
            previous = next(c for c in cycles if c["state"] == "closed")
            closed = (await client.get(f"/v1/cycles/{previous['id']}/report")).json()

        assert len(people) == 8  # 7 demo people and the admin
        assert len(units) == 4
        assert [c["state"] for c in cycles] == ["closed", "active"]
        assert current["id"] == cycles[1]["id"]
        items = objectives["items"]
        assert len(items) == 2 * 2 * (4 + 7)  # two quarters, two objectives per owner
        assert {o["state"] for o in items} == {"agreed"}
        assert all(o["score"] is not None for o in items)
        # the policy it sets: every owner has two objectives (min 2, max 5), in both quarters
        for shown in (report, closed):
            assert len(shown["objectives_per_owner"]) == 11
            assert {o["status"] for o in shown["objectives_per_owner"]} == {"ok"}
            assert shown["alignment_coverage"]["share"] == 1
            assert shown["bottom_up"]["meets_target"] is True
            assert shown["owners_without_agreed_okrs"] == []
        # the story: confidence moves, a few KRs at risk, some gone stale, reviews confirmed
        trend = [p["mean_confidence"] for p in report["confidence_trend"]]
        assert len(trend) >= 5 and len(set(trend)) >= 3, trend
        now = {o["id"] for o in items if o["cycle_id"] == current["id"]}
        confidence = [kr["confidence"] for kr in krs if kr["objective_id"] in now]
        at_risk = [c for c in confidence if c is not None and c <= 4]
        assert 0 < len(at_risk) <= len(confidence) // 4, Counter(confidence)
        assert 0 < len(report["stale_key_results"]) <= 10
        assert closed["review_completion"]["confirmed_share"] == 1
        assert closed["scores"]["scored"] == 22
        assert len(set(closed["scores"]["grades"])) >= 3, closed["scores"]
        async with app.state.session_factory() as session:
            live = select(PersonTokenRow).where(
                col(PersonTokenRow.name) == TOKEN_NAME, col(PersonTokenRow.revoked_at).is_(None)
            )
            assert (await session.execute(live)).first() is None
        again = await bootstrap(
            app.state.session_factory, token=TOKEN, secret_key=app.state.secret_key, demo=True
        )
        assert again is None
    finally:
        await dispose_app(app)
