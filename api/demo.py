"""The demo organisation, built on a fresh database when ``OKR_DEMO`` is on (the default).

A story a new user can read in ``GET /v1/current-cycle/report``: the company "Acme Ltd" with
three departments (Sales, Product, Operations), 7 people (a head each and a member per
department), and two quarters, every owner (unit or person) with two objectives of two KRs in
each, as the default policy asks, aligned upward and agreed:

- last quarter is closed: check-ins with confidence that moves and notes that say why, then
  every review written and submitted by its owner and confirmed by the approver, grades from
  pass to excellent;
- this quarter started six weeks ago and is active: weekly check-ins where most KRs are on plan,
  a few slip (confidence falling to 3 with the reasons in the notes: at risk), some recover, and
  some stopped checking in (the report lists them as stale). The company's "New mid-sized
  customers" KR has the metric key ``sales.new_customers`` for pushers.

Everything goes through the HTTP API in-process, inside the bootstrap transaction, so every rule
of the service is enforced: nothing is written to the tables directly. People act with
short-lived tokens that are revoked when the demo is built.
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

DEPARTMENTS = ("Sales", "Product", "Operations")
FIRST = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
LAST = ["Ming", "Fang", "Wei", "Jing", "Lei", "Yan", "Jun", "Hui", "Tao", "Ying"]
TOKEN_NAME = "demo-builder"
WEEKS = 6
"""Weeks of the current quarter gone by."""
QUARTER_DAYS = 91
METRIC_KEY = "sales.new_customers"
"""The metric key of the company's new-customers KR, for pushers (see the README)."""


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
        kr_body = {"due_on": cycle["ends_on"], **{k: v for k, v in kr.items() if v is not None}}
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
    objective["_author"] = author
    return dict(objective)


def _numeric(
    title: str, start: int, target: int, unit: str, weight: int = 50, **more: Any
) -> dict[str, Any]:
    return {
        "title": title,
        "kind": "numeric",
        "start_value": start,
        "target_value": target,
        "weight": weight,
        "unit": unit,
        **more,
    }


@dataclass(frozen=True)
class _Plan:
    """How a KR's quarter goes: the share of its target reached by each check-in, the confidence
    stated with it and the note that explains it."""

    shares: tuple[float, ...]
    confidence: tuple[int, ...]
    notes: tuple[str, ...]


_CURRENT_PLANS = (
    _Plan(
        (0.08, 0.16, 0.24, 0.33, 0.41, 0.5),
        (7, 7, 7, 8, 8, 8),
        (
            "first numbers in, as planned",
            "on plan",
            "on plan",
            "ahead of plan: the new onboarding flow shipped early",
            "keeping the pace",
            "keeping the pace",
        ),
    ),
    _Plan(
        (0.07, 0.1, 0.12, 0.13, 0.14, 0.15),
        (7, 6, 5, 4, 3, 3),
        (
            "first numbers in, as planned",
            "two deals slipped to next month",
            "the pilot at Globex was lost",
            "hiring freeze: one person short until the quarter ends",
            "at risk: we asked for help in the weekly review",
            "at risk: recovery plan agreed, numbers still flat",
        ),
    ),
    _Plan(
        (0.05, 0.09, 0.14, 0.24, 0.34, 0.42),
        (6, 5, 4, 5, 6, 7),
        (
            "slow start: the tooling was late",
            "still slow, the tooling is not there yet",
            "blocked by a supplier",
            "supplier back on track, catching up",
            "catching up after the fix",
            "back on plan",
        ),
    ),
    _Plan(
        (0.07, 0.14, 0.22, 0.3, 0.38, 0.45),
        (6, 6, 7, 7, 7, 7),
        (
            "first numbers in",
            "on plan",
            "confidence up: the first customers renewed",
            "on plan",
            "on plan",
            "on plan",
        ),
    ),
    _Plan(  # stops checking in: the report lists it as stale
        (0.06, 0.12, 0.18),
        (7, 6, 6),
        ("first numbers in", "a little behind: holidays", "a little behind"),
    ),
)
_PREVIOUS_PLANS = (
    (0.3, 0.55, 0.75, 0.9, 7, 8, "delivered almost everything we planned"),
    (0.2, 0.4, 0.55, 0.65, 6, 7, "in the sweet spot: ambitious and mostly reached"),
    (0.15, 0.25, 0.35, 0.45, 5, 4, "fell short: a key person left mid-quarter"),
    (0.25, 0.45, 0.6, 0.7, 6, 7, "reached what matters, learnt where we were optimistic"),
)
"""Shares at four check-ins, confidence early and late, and the lesson of the review."""


@dataclass
class _Okrs:
    """The objectives of one quarter, and how each KR's quarter goes."""

    cycle: dict[str, Any]
    objectives: list[dict[str, Any]] = field(default_factory=list)
    numeric: list[dict[str, Any]] = field(default_factory=list)


async def _plan_quarter(
    api: _Api,
    summary: DemoSummary,
    cycle: dict[str, Any],
    company: _Unit,
    departments: list[_Unit],
    *,
    current: bool,
) -> _Okrs:
    """Two objectives per owner (units and people), two KRs each, aligned upward, agreed."""
    okrs = _Okrs(cycle)

    async def objective(
        owner: tuple[str, str],
        author: str,
        title: str,
        key_results: list[dict[str, Any]],
        parent: dict[str, str] | None,
    ) -> dict[str, Any]:
        created = await _objective(
            api,
            summary,
            cycle=cycle,
            owner=owner,
            author=author,
            title=title,
            key_results=key_results,
            parent=parent,
        )
        okrs.objectives.append(created)
        okrs.numeric += [kr for kr in created["key_results"] if kr["kind"] == "numeric"]
        return created

    new_customers = _numeric(
        "New mid-sized customers", 0, 40, "customers", metric_key=METRIC_KEY if current else None
    )
    grow = await objective(
        ("unit", company.id),
        company.head_id,
        "Become the first choice of mid-sized customers",
        [
            new_customers,
            {"title": "Every department delivers its part", "kind": "derived", "weight": 50},
        ],
        None,
    )
    people = await objective(
        ("unit", company.id),
        company.head_id,
        "Build a company people want to join",
        [
            _numeric("Employee NPS", 20, 40, "points"),
            _numeric("Open roles filled", 0, 6, "hires"),
        ],
        None,
    )
    derived = {"parent_key_result_id": grow["key_results"][1]["id"]}
    await _personal(objective, company.head_id, company.name, (grow, people))
    for dept in departments:
        deliver = await objective(
            ("unit", dept.id),
            dept.head_id,
            f"{dept.name}: deliver our part of the company goal",
            [
                _numeric(f"{dept.name} milestones delivered", 0, 10, "items"),
                _numeric(f"{dept.name} customer satisfaction (NPS)", 30, 50, "points"),
            ],
            derived,
        )
        grow_people = await objective(
            ("unit", dept.id),
            dept.head_id,
            f"{dept.name}: a team that learns",
            [
                _numeric(f"{dept.name} trainings completed", 0, 12, "trainings"),
                _numeric(f"{dept.name} internal talks given", 0, 6, "talks"),
            ],
            {"parent_objective_id": people["id"]},
        )
        for person in (dept.head_id, *dept.members):
            await _personal(objective, person, dept.name, (deliver, grow_people))
    return okrs


async def _personal(
    objective: Any, person: str, unit_name: str, parents: tuple[dict[str, Any], ...]
) -> None:
    """A person's two objectives, aligned to their unit's."""
    work, learn = parents
    await objective(
        ("person", person),
        person,
        f"Move {unit_name} forward with our customers",
        [
            _numeric("Customer conversations", 0, 24, "calls", weight=60),
            _numeric("Tickets closed", 0, 40, "tickets", weight=40),
        ],
        {"parent_objective_id": work["id"]},
    )
    await objective(
        ("person", person),
        person,
        "Grow my craft",
        [
            _numeric("Courses finished", 0, 3, "courses"),
            _numeric("Talks or write-ups shared", 0, 4, "talks"),
        ],
        {"parent_objective_id": learn["id"]},
    )


def _point(kr: dict[str, Any], share: float, day: date, confidence: int, note: str) -> Any:
    start, target = float(kr["start_value"]), float(kr["target_value"])
    return {
        "key_result_id": kr["id"],
        "value": round(start + (target - start) * share, 2),
        "confidence": confidence,
        "note": note,
        "observed_at": datetime.combine(day, time(10), UTC).isoformat(),
        "source": "manual",
    }


async def _check_in(api: _Api, items: list[dict[str, Any]]) -> int:
    result = await api.call("POST", "/v1/check-ins/batch", {"items": items})
    refused = [i for i in result["items"] if i["outcome"] != "created"]
    if refused:
        raise DemoError(f"check-ins refused: {refused[:3]}")
    return len(items)


async def _run_previous(api: _Api, okrs: _Okrs, start: date) -> int:
    """Four check-ins per KR over the quarter, confidence that moves and says why; how far an
    objective gets (and so its grade) follows its place in the list."""
    items = []
    for index, objective in enumerate(okrs.objectives):
        *shares, early, late, _lesson = _PREVIOUS_PLANS[index % len(_PREVIOUS_PLANS)]
        for kr in objective["key_results"]:
            if kr["kind"] != "numeric":
                continue
            for step, share in enumerate(shares):
                confidence = early if step < 2 else late
                note = (
                    "on plan"
                    if confidence == early
                    else f"confidence {early} -> {late}: "
                    + ("the last deliveries landed" if late > early else "a key person left")
                )
                day = start + timedelta(days=21 * step + 14)
                items.append(_point(kr, float(share), day, int(confidence), note))
    return await _check_in(api, items)


async def _review_previous(api: _Api, okrs: _Okrs) -> None:
    """Every owner reviews their objectives; the approver confirms each review."""
    path = "/v1/objectives/{}/review"
    for index, objective in enumerate(okrs.objectives):
        *_shares, _early, _late, lesson = _PREVIOUS_PLANS[index % len(_PREVIOUS_PLANS)]
        author = objective["_author"]
        body = {
            "achieved": "fell short" not in lesson,
            "goal": objective["title"],
            "results": lesson,
            "measures": "weekly check-ins and a monthly review with the manager",
            "problems": "a key person left mid-quarter"
            if "left" in lesson
            else "none worth noting",
            "lessons": "plan fewer things and check in every week",
        }
        await api.call("PUT", path.format(objective["id"]), body, as_person=author)
        await api.call("POST", path.format(objective["id"]) + "/submit", as_person=author)
        await api.call("POST", path.format(objective["id"]) + "/confirm")


async def _run_current(api: _Api, okrs: _Okrs, start: date) -> int:
    """Weekly check-ins for six weeks: most KRs on plan, a few at risk, one gone stale."""
    items = []
    for index, kr in enumerate(okrs.numeric):
        plan = _CURRENT_PLANS[index % len(_CURRENT_PLANS)] if index % 3 else _CURRENT_PLANS[0]
        for week, (share, confidence, note) in enumerate(
            zip(plan.shares, plan.confidence, plan.notes, strict=True), start=1
        ):
            day = start + timedelta(days=7 * week - 3)
            items.append(_point(kr, share, day, confidence, f"week {week}: {note}"))
    return await _check_in(api, items)


async def _build(api: _Api, today: date) -> DemoSummary:
    summary = DemoSummary()
    # -- the organisation: a company and 3 departments, 7 people ---------------------------------
    company = await _unit(api, summary, "Acme Ltd", None, None)
    departments: list[_Unit] = []
    for dept_name in DEPARTMENTS:
        dept = await _unit(api, summary, dept_name, company.id, company.head_id)
        dept.members.append(await _person(api, summary, dept.id, dept.head_id, "member"))
        departments.append(dept)

    # -- last quarter: planned, run, reviewed and closed -----------------------------------------
    current_start = today - timedelta(days=7 * WEEKS)
    previous_start = current_start - timedelta(days=QUARTER_DAYS)
    previous = await _quarter(api, summary, previous_start, "last quarter")
    okrs = await _plan_quarter(api, summary, previous, company, departments, current=False)
    await api.call("POST", f"/v1/cycles/{previous['id']}/activate")
    summary.check_ins += await _run_previous(api, okrs, previous_start)
    await api.call("POST", f"/v1/cycles/{previous['id']}/start-review")
    await _review_previous(api, okrs)
    await api.call("POST", f"/v1/cycles/{previous['id']}/close")

    # -- this quarter: six weeks in ------------------------------------------------------------
    quarter = await _quarter(api, summary, current_start, "this quarter")
    okrs = await _plan_quarter(api, summary, quarter, company, departments, current=True)
    await api.call("POST", f"/v1/cycles/{quarter['id']}/activate")
    summary.check_ins += await _run_current(api, okrs, current_start)
    return summary


async def _quarter(api: _Api, summary: DemoSummary, start: date, label: str) -> dict[str, Any]:
    end = start + timedelta(days=QUARTER_DAYS - 1)
    cycle: dict[str, Any] = await api.call(
        "POST",
        "/v1/cycles",
        {
            "name": f"Quarter {start:%d %b %Y} - {end:%d %b %Y} ({label})",
            "kind": "quarterly",
            "starts_on": start.isoformat(),
            "ends_on": end.isoformat(),
            "planning_deadline": (start + timedelta(days=14)).isoformat(),
            "review_deadline": end.isoformat(),
        },
    )
    summary.cycle_ids.append(cycle["id"])
    return cycle


async def demo_hook(session: AsyncSession, admin_id: str) -> None:
    """The bootstrap hook: build the demo organisation."""
    await build_demo(session, admin_id)
