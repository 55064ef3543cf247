"""The demo organisation builds on a fresh SQLite database and yields agreed, scored OKRs."""

from __future__ import annotations

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
            alignments = (await client.get("/v1/alignments", params={"limit": 500})).json()
            quarter = next(c for c in cycles if c["kind"] == "quarterly")
            report = (await client.get(f"/v1/cycles/{quarter['id']}/report")).json()

        assert len(people) == 31  # 30 demo people and the admin
        assert len(units) == 10
        assert {c["state"] for c in cycles} == {"active"}
        items = objectives["items"]
        assert len(items) == 1 + 3 + 6 + 6
        assert {o["state"] for o in items} == {"agreed"}
        assert all(o["score"] is not None and o["score"] > 0 for o in items)
        assert len(alignments["items"]) == 15
        assert report["alignment_coverage"]["share"] == 1
        assert report["bottom_up"]["meets_target"] is True
        assert len(report["confidence_trend"]) >= 5
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
