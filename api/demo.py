"""The demo organisation, built on a fresh database when ``OKR_DEMO`` is on (the default).

A company with 3 departments and 6 teams, 30 people with managers and unit heads, a year and
its current quarter (the quarter started six weeks ago and is active), company, department, team
and individual OKRs aligned upward (departments to a derived company KR), all agreed, and six
weeks of weekly check-ins. Everything goes through the HTTP API in-process, inside the bootstrap
transaction, so every rule of the service is enforced: nothing is written to the tables directly.
People act with short-lived tokens that are revoked when the demo is built.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncSession

from api.services.tokens import issue_token
from persistence.repositories.identity import PersonTokenRepository
from persistence.types import utcnow

DEPARTMENTS: dict[str, list[str]] = {
    "Sales": ["Enterprise Sales", "SMB Sales"],
    "Product": ["Platform", "Mobile"],
    "Operations": ["Customer Success", "Finance"],
}
FIRST = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
LAST = ["Ming", "Fang", "Wei", "Jing", "Lei", "Yan", "Jun", "Hui", "Tao", "Ying"]
TOKEN_NAME = "demo-builder"
WEEKS = 6


class DemoError(RuntimeError):
    """A call of the demo builder was refused (the service's rules and the demo disagree)."""


@dataclass
class DemoSummary:
    """What the demo created."""

    unit_ids: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    cycle_ids: list[str] = field(default_factory=list)
    objective_ids: list[str] = field(default_factory=list)
    check_ins: int = 0


class _Api:
    """In-process HTTP calls on one shared session, as the admin or as any person."""

    def __init__(self, session: AsyncSession, admin_id: str) -> None:
        from api.app import create_app
        from api.deps import get_session
        from api.settings import Settings

        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        url = engine.url.render_as_string(hide_password=False)
        self.session = session
        self.app = create_app(Settings(database_url=url, demo=False, checkin_rate_limit=0))

        async def shared() -> AsyncIterator[AsyncSession]:
            yield session

        self.app.dependency_overrides[get_session] = shared
        self.admin_id = admin_id
        self.clients: dict[str, httpx.AsyncClient] = {}

    async def client(self, person_id: str) -> httpx.AsyncClient:
        if person_id not in self.clients:
            _row, token = await issue_token(
                self.session, person_id, TOKEN_NAME, secret_key=self.app.state.secret_key
            )
            self.clients[person_id] = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=self.app),
                base_url="http://demo",
                headers={"Authorization": f"Bearer {token}"},
            )
        return self.clients[person_id]

    async def call(
        self, method: str, path: str, body: Any = None, *, as_person: str | None = None
    ) -> Any:
        client = await self.client(as_person or self.admin_id)
        response = await client.request(method, path, json=body)
        if response.status_code >= 300:
            raise DemoError(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()
        await PersonTokenRepository(self.session).revoke_named(TOKEN_NAME, utcnow())
        from api.app import dispose_app

        await dispose_app(self.app)


@dataclass
class _Unit:
    id: str
    name: str
    head_id: str
    members: list[str] = field(default_factory=list)
    objective_id: str = ""
    derived_kr_id: str = ""


def _name(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"


async def build_demo(
    session: AsyncSession, admin_id: str, *, today: date | None = None
) -> DemoSummary:
    """Build the demo organisation through the API, in the caller's transaction."""
    api = _Api(session, admin_id)
    try:
        return await _build(api, today or utcnow().date())
    finally:
        await api.close()


async def _person(
    api: _Api, summary: DemoSummary, unit_id: str, manager_id: str | None, title: str
) -> str:
    n = len(summary.person_ids)
    body = {
        "name": f"{_name(n)} ({title})",
        "email": f"demo{n + 1:02d}@example.com",
        "unit_id": unit_id,
        "manager_id": manager_id,
    }
    person: dict[str, Any] = await api.call("POST", "/v1/people", body)
    summary.person_ids.append(person["id"])
    return str(person["id"])


async def _unit(
    api: _Api, summary: DemoSummary, name: str, parent_id: str | None, manager_id: str | None
) -> _Unit:
    unit = await api.call("POST", "/v1/org-units", {"name": name, "parent_id": parent_id})
    summary.unit_ids.append(unit["id"])
    head = await _person(api, summary, unit["id"], manager_id, f"head of {name}")
    await api.call("PATCH", f"/v1/org-units/{unit['id']}", {"head_id": head})
    return _Unit(unit["id"], name, head)


async def _objective(
    api: _Api,
    summary: DemoSummary,
    *,
    cycle: dict[str, Any],
    owner: tuple[str, str],
    author: str,
    title: str,
    key_results: list[dict[str, Any]],
    parent: dict[str, str] | None,
) -> dict[str, Any]:
    """Create (as ``author``), add KRs, align, submit, approve (as the admin)."""
    owner_type, owner_id = owner
    body = {"cycle_id": cycle["id"], "owner_type": owner_type, "owner_id": owner_id}
    objective = await api.call("POST", "/v1/objectives", {**body, "title": title}, as_person=author)
    oid = objective["id"]
    created = []
    for kr in key_results:
        kr_body = {"due_on": cycle["ends_on"], **kr}
        created.append(
            await api.call("POST", f"/v1/objectives/{oid}/key-results", kr_body, as_person=author)
        )
    if parent is not None:
        await api.call(
            "POST", "/v1/alignments", {"child_objective_id": oid, **parent}, as_person=author
        )
    await api.call("POST", f"/v1/objectives/{oid}/submit", as_person=author)
    await api.call("POST", f"/v1/objectives/{oid}/approve")
    summary.objective_ids.append(oid)
    objective["key_results"] = created
    return dict(objective)


def _numeric(title: str, start: int, target: int, weight: int, unit: str) -> dict[str, Any]:
    return {
        "title": title,
        "kind": "numeric",
        "start_value": start,
        "target_value": target,
        "weight": weight,
        "unit": unit,
    }


async def _build(api: _Api, today: date) -> DemoSummary:
    summary = DemoSummary()
    # -- the organisation: 1 + 3 + 6 units, 30 people -------------------------------------------
    company = await _unit(api, summary, "Acme Ltd", None, None)
    departments: list[tuple[_Unit, list[_Unit]]] = []
    for dept_name, team_names in DEPARTMENTS.items():
        dept = await _unit(api, summary, dept_name, company.id, company.head_id)
        teams = [await _unit(api, summary, t, dept.id, dept.head_id) for t in team_names]
        departments.append((dept, teams))
    all_teams = [team for _, teams in departments for team in teams]
    per_team = [4, 4, 3, 3, 3, 3]  # 1 + 3 + 6 heads + 20 members = 30 people
    for team, count in zip(all_teams, per_team, strict=True):
        for _ in range(count):
            team.members.append(await _person(api, summary, team.id, team.head_id, "member"))

    # -- cycles: a year and its quarter, which started six weeks ago ----------------------------
    quarter_start = today - timedelta(days=7 * WEEKS)
    year = await api.call(
        "POST",
        "/v1/cycles",
        {
            "name": f"FY {quarter_start.year}/{(quarter_start.year + 1) % 100:02d}",
            "kind": "annual",
            "starts_on": quarter_start.isoformat(),
            "ends_on": (
                quarter_start.replace(year=quarter_start.year + 1) - timedelta(days=1)
            ).isoformat(),
        },
    )
    quarter = await api.call(
        "POST",
        "/v1/cycles",
        {
            "name": f"Q starting {quarter_start.isoformat()}",
            "kind": "quarterly",
            "starts_on": quarter_start.isoformat(),
            "ends_on": (quarter_start + timedelta(days=90)).isoformat(),
            "parent_id": year["id"],
            "planning_deadline": (quarter_start + timedelta(days=14)).isoformat(),
            "review_deadline": (quarter_start + timedelta(days=90)).isoformat(),
        },
    )
    summary.cycle_ids += [year["id"], quarter["id"]]

    # -- OKRs, top to bottom --------------------------------------------------------------------
    numeric: list[tuple[dict[str, Any], float]] = []  # (KR, share of the target reached today)
    grow = await _objective(
        api,
        summary,
        cycle=year,
        owner=("unit", company.id),
        author=api.admin_id,
        title="Become the first choice of mid-sized customers",
        key_results=[
            _numeric("Annual recurring revenue (M)", 10, 14, 50, "M"),
            {"title": "Every department delivers its quarter", "kind": "derived", "weight": 50},
        ],
        parent=None,
    )
    numeric.append((grow["key_results"][0], 0.3))
    derived_id = grow["key_results"][1]["id"]
    for index, (dept, teams) in enumerate(departments):
        dept_okr = await _objective(
            api,
            summary,
            cycle=quarter,
            owner=("unit", dept.id),
            author=api.admin_id,
            title=f"{dept.name}: deliver our share of the company goal",
            key_results=[
                _numeric(f"{dept.name} milestones delivered", 0, 10, 60, "items"),
                _numeric(f"{dept.name} customer satisfaction (NPS)", 30, 50, 40, "points"),
            ],
            parent={"parent_key_result_id": derived_id},
        )
        numeric += [(kr, 0.55 + 0.1 * index) for kr in dept_okr["key_results"]]
        for t_index, team in enumerate(teams):
            team_okr = await _objective(
                api,
                summary,
                cycle=quarter,
                owner=("unit", team.id),
                author=team.head_id,
                title=f"{team.name}: make {dept.name.lower()} measurably better",
                key_results=[
                    _numeric(f"{team.name} deliveries", 0, 8, 40, "items"),
                    _numeric(f"{team.name} cycle time (days)", 20, 10, 30, "days"),
                    {"title": f"{team.name} playbook published", "kind": "milestone", "weight": 30},
                ],
                parent={"parent_objective_id": dept_okr["id"]},
            )
            numeric += [(kr, 0.5 + 0.15 * t_index) for kr in team_okr["key_results"][:2]]
            member = team.members[0]
            own = await _objective(
                api,
                summary,
                cycle=quarter,
                owner=("person", member),
                author=member,
                title=f"Grow my craft in {team.name}",
                key_results=[
                    _numeric("Customer conversations", 0, 24, 60, "calls"),
                    _numeric("Tickets closed", 0, 40, 40, "tickets"),
                ],
                parent={"parent_objective_id": team_okr["id"]},
            )
            numeric += [(kr, 0.6 + 0.05 * index) for kr in own["key_results"]]

    # -- the quarter runs: activate, then weekly check-ins ---------------------------------------
    for cycle in (year, quarter):
        await api.call("POST", f"/v1/cycles/{cycle['id']}/activate")
    items: list[dict[str, Any]] = []
    for kr, reached in numeric:
        start, target = float(kr["start_value"]), float(kr["target_value"])
        for week in range(1, WEEKS + 1):
            day = quarter_start + timedelta(days=7 * week - 3)
            share = reached * week / WEEKS
            items.append(
                {
                    "key_result_id": kr["id"],
                    "value": round(start + (target - start) * share, 2),
                    "confidence": 5 + (week + len(items)) % 4,
                    "note": f"week {week}: on plan" if share < reached else "latest numbers",
                    "observed_at": datetime.combine(day, time(10), UTC).isoformat(),
                    "source": "manual",
                }
            )
    result = await api.call("POST", "/v1/check-ins/batch", {"items": items})
    refused = [i for i in result["items"] if i["outcome"] != "created"]
    if refused:
        raise DemoError(f"check-ins refused: {refused[:3]}")
    summary.check_ins = len(items)
    return summary


async def demo_hook(session: AsyncSession, admin_id: str) -> None:
    """The bootstrap hook: build the demo organisation."""
    await build_demo(session, admin_id)
