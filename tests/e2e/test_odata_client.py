"""End to end: a real OData v4 client reads the feed of a live server, on SQLite and PostgreSQL.

``python-odata`` (an OData v4 client; ``pyodata`` speaks OData V2 only) reads ``$metadata`` and
builds its entity classes from it, walks every entity set to its end through the server's
``@odata.nextLink`` pages (the page size is set to 5, so the check-ins take several), runs a
filter and an expansion, and sees what a member sees (drafts only for who may read them).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import requests
from fastapi import FastAPI
from odata import ODataService

from api.app import create_app, dispose_app
from api.settings import Settings
from tests.conftest import BACKENDS, create_database
from tests.support.builders import make_cycle
from tests.support.live import LiveServer
from tests.support.seed import seed_check_in, seed_scored_objective

TOKEN = "okr_pat_odataadmin_" + "f" * 40
PAGE_SIZE = 5
CHECK_INS = 23

SETS = ("Objectives", "KeyResults", "CheckIns", "People", "OrgUnits", "Cycles", "Reviews")


class Feed:
    """A live server with a small organisation: a member's token and the expected counts."""

    def __init__(self, server: LiveServer, member_token: str, expected: dict[str, int]) -> None:
        self.server = server
        self.member_token = member_token
        self.expected = expected
        self.requested: list[str] = []
        """Every URL the client asked for (each page of a walk is one)."""

    def service(self, token: str = TOKEN) -> ODataService:
        """A client that reflects the feed's ``$metadata`` into entity classes."""
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        session.hooks["response"].append(lambda r, *_a, **_k: self.requested.append(r.url))
        return ODataService(
            f"{self.server.url}/odata/v4/",
            session=session,
            reflect_entities=True,
            quiet_progress=True,
        )


async def _seed(url: str, server: LiveServer) -> tuple[dict[str, int], str]:
    app: FastAPI = create_app(Settings(database_url=url, demo=False))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
            unit = (await client.post("/v1/org-units", json={"name": "Company"})).json()
            member = (
                await client.post(
                    "/v1/people",
                    json={"name": "Member", "email": "member@example.com", "unit_id": unit["id"]},
                )
            ).json()
            token = (
                await client.post(f"/v1/people/{member['id']}/tokens", json={"name": "feed"})
            ).json()["token"]
            cycle = await make_cycle(client, state="active")
            public = await seed_scored_objective(
                app, cycle_id=cycle["id"], owner_type="unit", owner_id=unit["id"], title="Grow"
            )
            await seed_scored_objective(
                app, cycle_id=cycle["id"], owner_type="unit", owner_id=unit["id"], title="Hire"
            )
            await seed_scored_objective(
                app,
                cycle_id=cycle["id"],
                owner_type="unit",
                owner_id=unit["id"],
                state="draft",
                title="Hidden draft",
            )
            start = datetime(2026, 1, 5, tzinfo=UTC)
            for n in range(CHECK_INS):
                await seed_check_in(
                    app,
                    public.key_result_ids[n % 2],
                    observed_at=start + timedelta(days=n),
                    value=str(n),
                    confidence=5,
                )
    finally:
        await dispose_app(app)
    expected = {
        "Objectives": 3,
        "KeyResults": 6,
        "CheckIns": CHECK_INS,
        "People": 2,
        "OrgUnits": 1,
        "Cycles": 1,
        "Reviews": 0,
    }
    return expected, token


@pytest.fixture(scope="module", params=BACKENDS)
async def feed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Feed]:
    tmp = tmp_path_factory.mktemp("odata")
    async for database in create_database(request.param, tmp):
        server = LiveServer(database.url, TOKEN, tmp / "server.log")
        os.environ["OKR_ODATA_PAGE_SIZE"] = str(PAGE_SIZE)
        try:
            await asyncio.to_thread(server.start)
        finally:
            os.environ.pop("OKR_ODATA_PAGE_SIZE")
        try:
            expected, member_token = await _seed(database.url, server)
            yield Feed(server, member_token, expected)
        finally:
            server.stop()


def test_the_client_reads_the_metadata_and_walks_every_set_page_by_page(feed: Feed) -> None:
    service = feed.service()
    feed.requested.clear()

    counts = {name: len(list(service.query(service.entities[name]))) for name in SETS}

    assert counts == feed.expected
    check_in_pages = [u for u in feed.requested if "/CheckIns" in u]
    assert len(check_in_pages) == -(-CHECK_INS // PAGE_SIZE)  # 23 rows: 5 pages of 5
    assert all("$skiptoken=" in u for u in check_in_pages[1:])


def test_a_filter_and_an_expansion(feed: Feed) -> None:
    service = feed.service()
    objectives = service.entities["Objectives"]
    check_ins = service.entities["CheckIns"]

    grow = service.query(objectives).filter(objectives.title == "Grow").all()
    recent = service.query(check_ins).filter(check_ins.value >= 20).all()
    expanded = service.query(objectives).expand(objectives.KeyResults).all()

    assert [o.title for o in grow] == ["Grow"]
    assert sorted(int(c.value) for c in recent) == [20, 21, 22]
    assert {o.title: sorted(k.title for k in o.KeyResults) for o in expanded} == {
        "Grow": ["KR 1", "KR 2"],
        "Hire": ["KR 1", "KR 2"],
        "Hidden draft": ["KR 1", "KR 2"],
    }


def test_a_member_sees_no_draft(feed: Feed) -> None:
    service = feed.service(feed.member_token)
    objectives = service.entities["Objectives"]

    titles = sorted(o.title for o in service.query(objectives))
    key_results = list(service.query(service.entities["KeyResults"]))

    assert titles == ["Grow", "Hire"]
    assert len(key_results) == 4
