"""An organisation with hidden drafts, a draft review and credentials, for the access matrices.

Everything is made through the HTTP API (as the admin and as the people themselves), so every
write also reaches the change feed and the audit trail, except one check-in on a draft key result:
check-ins are accepted only for agreed objectives, so that one is written as a row (with its feed
position, as a pushed check-in gets one).

The org::

    Company (root, head: manager)
    ├── Team   (head: owner; owner's manager: manager)
    └── Other  (unrelated, deactivated)

Cycles: ``year`` (annual 2026, active), ``quarter`` (Q1 2026 under the year, active, with the
deadlines of its template) and
``review`` (Q4 2025, in review). Public (agreed): the company's annual objective (with a pending
change request), the manager's quarterly one (aligned to it) and both objectives of the review
cycle. Hidden: the owner's draft in the quarter (KRs, an initiative, an alignment, dependencies
both ways, a check-in), the Team's draft, and the owner's draft review in the review cycle.

Every text of a hidden thing is a marker string starting with ``SECRET-``; public texts start with
``PUBLIC-`` and names of credentials with ``CREDENTIAL-``.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI

from api.auth import hash_api_key
from persistence.events import reserve_check_in_positions
from persistence.tables import CheckInRow, WebhookAttemptRow, WebhookDeliveryRow
from tests.conftest import ADMIN_TOKEN, Actor, MakeActor

DRAFT_TITLE = "SECRET-DRAFT-TITLE"
DRAFT_DESCRIPTION = "SECRET-DRAFT-DESCRIPTION"
DRAFT_KR_TITLES = ("SECRET-DRAFT-KR-ONE", "SECRET-DRAFT-KR-TWO")
DRAFT_METRIC_KEYS = ("SECRET-DRAFT-METRIC-ONE", "SECRET-DRAFT-METRIC-TWO")
DRAFT_INITIATIVE = "SECRET-DRAFT-INITIATIVE"
DRAFT_DEPENDENCY_NOTE = "SECRET-DRAFT-DEPENDENCY-NOTE"
DRAFT_INBOUND_NOTE = "SECRET-DRAFT-INBOUND-NOTE"
DRAFT_CHECK_IN_NOTE = "SECRET-DRAFT-CHECKIN-NOTE"
UNIT_DRAFT_TITLE = "SECRET-UNIT-DRAFT-TITLE"
UNIT_DRAFT_KR_TITLE = "SECRET-UNIT-DRAFT-KR"
UNIT_DRAFT_METRIC_KEY = "SECRET-UNIT-DRAFT-METRIC"
PROPOSED_TITLE = "SECRET-PROPOSED-TITLE"
"""An objective proposed, not yet published (policy ``publish_on`` is ``agreed``)."""
PROPOSED_KR_TITLE = "SECRET-PROPOSED-KR"
REVIEW_GOAL = "SECRET-REVIEW-GOAL"
REVIEW_LESSONS = "SECRET-REVIEW-LESSONS"

DRAFT_MARKERS = (
    DRAFT_TITLE,
    DRAFT_DESCRIPTION,
    *DRAFT_KR_TITLES,
    *DRAFT_METRIC_KEYS,
    DRAFT_INITIATIVE,
    DRAFT_DEPENDENCY_NOTE,
    DRAFT_INBOUND_NOTE,
    DRAFT_CHECK_IN_NOTE,
    UNIT_DRAFT_TITLE,
    UNIT_DRAFT_KR_TITLE,
    UNIT_DRAFT_METRIC_KEY,
)
REVIEW_MARKERS = (REVIEW_GOAL, REVIEW_LESSONS)

PUBLIC_TITLE = "PUBLIC-AGREED-TITLE"
PUBLIC_KR_TITLE = "PUBLIC-AGREED-KR"
PUBLIC_METRIC_KEY = "PUBLIC-AGREED-METRIC"
PUBLIC_CHECK_IN_NOTE = "PUBLIC-CHECKIN-NOTE"
PUBLIC_DEPENDENCY_NOTE = "PUBLIC-DEPENDENCY-NOTE"
ANNUAL_TITLE = "PUBLIC-ANNUAL-TITLE"
CHANGE_REQUEST_REASON = "PUBLIC-CHANGE-REQUEST-REASON"
REVIEWED_TITLE = "PUBLIC-REVIEWED-TITLE"
UNREVIEWED_TITLE = "PUBLIC-UNREVIEWED-TITLE"

TOKEN_NAME = "CREDENTIAL-TOKEN-NAME"
WEBHOOK_URL = "https://192.0.2.10/ADMIN-WEBHOOK-URL"
WEBHOOK_DESCRIPTION = "ADMIN-WEBHOOK-DESCRIPTION"
WEBHOOK_DELIVERY_ERROR = "ADMIN-WEBHOOK-DELIVERY-ERROR"
KEY_NAMES = {
    "okrs:read": "CREDENTIAL-KEY-READ",
    "metrics:write": "CREDENTIAL-KEY-METRICS",
    "admin": "CREDENTIAL-KEY-ADMIN",
    "org:write": "CREDENTIAL-KEY-ORG",
}
CREDENTIAL_NAMES = (TOKEN_NAME, *KEY_NAMES.values())
CREDENTIAL_ENTITIES = frozenset({"token", "api_key", "policy", "audit_event", "webhook"})
"""Entities whose events only admins read in the feed."""

HASH_CHARS = 16
"""How many leading hex digits of a credential's hash count as a leak of it."""


@dataclass
class Credential:
    """A secret as issued, what must never be shown of it, and its id."""

    label: str
    secret: str
    prefix: str
    hash: str | None
    id: str | None = None

    @property
    def never_shown(self) -> tuple[str, ...]:
        """The secret, its lookup prefix and the head of its stored hash."""
        shown = [self.secret, self.prefix]
        if self.hash is not None:
            shown.append(self.hash[:HASH_CHARS])
        return tuple(shown)


@dataclass
class World:
    """The ids of everything the matrices read, by role."""

    admin: Actor
    manager: Actor
    owner: Actor
    unrelated: Actor
    deactivated: Actor
    company_id: str
    team_id: str
    other_id: str
    year_id: str
    quarter_id: str
    review_cycle_id: str
    annual_id: str
    annual_kr_id: str
    change_request_id: str
    public_id: str
    public_kr_id: str
    public_check_in_id: str
    public_alignment_id: str
    public_dependency_id: str
    reviewed_id: str
    unreviewed_id: str
    review_id: str
    draft_id: str
    draft_kr_ids: list[str]
    draft_initiative_id: str
    draft_alignment_id: str
    draft_dependency_ids: list[str]
    draft_check_in_id: str
    unit_draft_id: str
    unit_draft_kr_id: str
    proposed_id: str
    proposed_kr_id: str
    webhook_id: str = ""
    webhook_delivery_id: str = ""
    keys: dict[str, Credential] = field(default_factory=dict)
    tokens: list[Credential] = field(default_factory=list)
    unknown_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    """An id that names nothing."""

    @property
    def hidden_ids(self) -> tuple[str, ...]:
        """Ids of the drafts, what hangs under them, and the draft review."""
        return (
            self.draft_id,
            *self.draft_kr_ids,
            self.draft_initiative_id,
            self.draft_alignment_id,
            *self.draft_dependency_ids,
            self.draft_check_in_id,
            self.unit_draft_id,
            self.unit_draft_kr_id,
            self.proposed_id,
            self.proposed_kr_id,
            self.review_id,
        )

    def name_of(self, hidden_id: str) -> str:
        """Which hidden thing an id names (for failure messages)."""
        names = {
            self.draft_id: "the draft",
            self.draft_kr_ids[0]: "the draft's first KR",
            self.draft_kr_ids[1]: "the draft's second KR",
            self.draft_initiative_id: "the draft's initiative",
            self.draft_alignment_id: "the draft's alignment",
            self.draft_dependency_ids[0]: "the draft's dependency",
            self.draft_dependency_ids[1]: "the dependency on the draft's KR",
            self.draft_check_in_id: "the draft's check-in",
            self.unit_draft_id: "the unit's draft",
            self.unit_draft_kr_id: "the unit draft's KR",
            self.proposed_id: "the unpublished proposal",
            self.proposed_kr_id: "the unpublished proposal's KR",
            self.review_id: "the draft review",
        }
        return names.get(hidden_id, "?")

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """Every token and key issued in the world, the bootstrap token included."""
        return (*self.tokens, *self.keys.values())


async def ok(
    client: httpx.AsyncClient, method: str, path: str, body: Any = None, status: int = 201
) -> Any:
    """The JSON answer of a request that must succeed with ``status``."""
    response = await client.request(method, path, json=body)
    assert response.status_code == status, (method, path, response.text)
    return response.json() if response.content else None


def token_credential(label: str, token: str) -> Credential:
    """A personal token: ``okr_pat_<prefix>_<secret>``, stored as its SHA-256."""
    prefix = token.removeprefix("okr_pat_").partition("_")[0]
    return Credential(label, token, prefix, hashlib.sha256(token.encode()).hexdigest())


def key_credential(app: FastAPI, label: str, key_id: str, secret: str) -> Credential:
    """A service key: ``okr_key_<prefix>_<secret>``, stored as an HMAC under the server secret."""
    prefix = secret.removeprefix("okr_key_").partition("_")[0]
    return Credential(label, secret, prefix, hash_api_key(secret, app.state.secret_key), key_id)


async def _objective(
    client: httpx.AsyncClient,
    cycle_id: str,
    owner_id: str,
    title: str,
    key_results: list[dict[str, Any]],
    *,
    owner_type: str = "person",
    description: str = "",
) -> dict[str, Any]:
    body = {
        "cycle_id": cycle_id,
        "owner_type": owner_type,
        "owner_id": owner_id,
        "title": title,
        "description": description,
    }
    created: dict[str, Any] = await ok(client, "POST", "/v1/objectives", body)
    created["key_results"] = [
        await ok(client, "POST", f"/v1/objectives/{created['id']}/key-results", kr)
        for kr in key_results
    ]
    return created


def _kr(title: str, due_on: str, *, weight: int = 100, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "kind": "numeric",
        "start_value": 0,
        "target_value": 10,
        "weight": weight,
        "due_on": due_on,
        **extra,
    }


async def _agreed(
    author: httpx.AsyncClient,
    approver: httpx.AsyncClient,
    cycle_id: str,
    owner_id: str,
    title: str,
    key_results: list[dict[str, Any]],
    *,
    owner_type: str = "person",
) -> dict[str, Any]:
    made = await _objective(author, cycle_id, owner_id, title, key_results, owner_type=owner_type)
    await ok(author, "POST", f"/v1/objectives/{made['id']}/submit", None, 200)
    agreed: dict[str, Any] = await ok(
        approver, "POST", f"/v1/objectives/{made['id']}/approve", None, 200
    )
    return agreed


async def _cycle(admin: httpx.AsyncClient, body: dict[str, Any], *steps: str) -> str:
    cycle = await ok(admin, "POST", "/v1/cycles", body)
    for step in steps:
        await ok(admin, "POST", f"/v1/cycles/{cycle['id']}/{step}", None, 200)
    cycle_id: str = cycle["id"]
    return cycle_id


async def _seed_draft_check_in(app: FastAPI, kr_id: str) -> str:
    """A check-in row on a draft's KR (the API refuses check-ins to drafts), in the feed."""
    now = datetime.now(UTC)
    row = CheckInRow(
        key_result_id=kr_id,
        value=Decimal(3),
        confidence=6,
        note=DRAFT_CHECK_IN_NOTE,
        observed_at=now,
        received_at=now,
    )
    async with app.state.session_factory() as session, session.begin():
        row.feed_position = await reserve_check_in_positions(session, 1, row.id, now)
        session.add(row)
    return row.id


async def _seed_delivery(app: FastAPI, webhook_id: str) -> str:
    """A delivery of the subscription (as the worker would queue one) with one failed attempt."""
    delivery = WebhookDeliveryRow(
        webhook_id=webhook_id,
        position=1,
        event_type="cycle.created",
        body='{"type":"cycle.created","timestamp":"2026-01-01T00:00:00+00:00","data":{}}',
        attempts=1,
        last_status_code=503,
        last_error=WEBHOOK_DELIVERY_ERROR,
    )
    async with app.state.session_factory() as session, session.begin():
        session.add(delivery)
        await session.flush()
        session.add(
            WebhookAttemptRow(
                delivery_id=delivery.id, status_code=503, error=WEBHOOK_DELIVERY_ERROR
            )
        )
    return delivery.id


async def build_world(app: FastAPI, admin: Actor, make_actor: MakeActor) -> World:
    """The organisation, OKRs and credentials described in the module docstring."""
    a = admin.client
    company = (await ok(a, "POST", "/v1/org-units", {"name": "Company"}))["id"]
    team = (await ok(a, "POST", "/v1/org-units", {"name": "Team", "parent_id": company}))["id"]
    other = (await ok(a, "POST", "/v1/org-units", {"name": "Other", "parent_id": company}))["id"]
    manager = await make_actor(name="Manager", unit_id=company)
    owner = await make_actor(name="Owner", unit_id=team, manager_id=manager.id)
    unrelated = await make_actor(name="Unrelated", unit_id=other)
    deactivated = await make_actor(name="Deactivated", unit_id=other)
    await ok(a, "PATCH", f"/v1/org-units/{company}", {"head_id": manager.id}, 200)
    await ok(a, "PATCH", f"/v1/org-units/{team}", {"head_id": owner.id}, 200)

    year = await _cycle(
        a,
        {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        "activate",
    )
    quarter = await _cycle(
        a,
        {
            "name": "Q1 2026",
            "kind": "quarterly",
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
            "parent_id": year,
            "deadlines_from_template": True,
        },
        "activate",
    )
    review_cycle = await _cycle(
        a,
        {
            "name": "Q4 2025",
            "kind": "quarterly",
            "starts_on": "2025-10-01",
            "ends_on": "2025-12-31",
        },
        "activate",
    )

    # Public OKRs: the company's annual objective (its head is the manager) and the manager's
    # quarterly one, approved by the admin.
    m = manager.client
    annual = await _agreed(
        m, a, year, company, ANNUAL_TITLE, [_kr("Annual KR", "2026-12-31")], owner_type="unit"
    )
    annual_kr = annual["key_results"][0]["id"]
    change_request = await ok(
        m,
        "POST",
        "/v1/change-requests",
        {
            "key_result_id": annual_kr,
            "changes": {"target_value": 12},
            "reason": CHANGE_REQUEST_REASON,
        },
    )
    public = await _agreed(
        m,
        a,
        quarter,
        manager.id,
        PUBLIC_TITLE,
        [_kr(PUBLIC_KR_TITLE, "2026-03-31", metric_key=PUBLIC_METRIC_KEY)],
    )
    public_kr = public["key_results"][0]["id"]
    public_alignment = await ok(
        m,
        "POST",
        "/v1/alignments",
        {"child_objective_id": public["id"], "parent_objective_id": annual["id"]},
    )
    public_dependency = await ok(
        m,
        "POST",
        "/v1/dependencies",
        {
            "from_objective_id": public["id"],
            "to_objective_id": annual["id"],
            "note": PUBLIC_DEPENDENCY_NOTE,
        },
    )
    public_check_in = await ok(
        a,
        "POST",
        f"/v1/key-results/{public_kr}/check-ins",
        {"value": 4, "confidence": 7, "note": PUBLIC_CHECK_IN_NOTE},
    )

    # The review cycle: the owner's reviewed objective and the manager's unreviewed one.
    o = owner.client
    reviewed = await _agreed(
        o, m, review_cycle, owner.id, REVIEWED_TITLE, [_kr("Reviewed KR", "2025-12-31")]
    )
    unreviewed = await _agreed(
        m, a, review_cycle, manager.id, UNREVIEWED_TITLE, [_kr("Unreviewed KR", "2025-12-31")]
    )
    await ok(a, "POST", f"/v1/cycles/{review_cycle}/start-review", None, 200)
    review = await ok(
        o,
        "PUT",
        f"/v1/objectives/{reviewed['id']}/review",
        {"achieved": True, "goal": REVIEW_GOAL, "lessons": REVIEW_LESSONS},
        200,
    )

    # The owner's draft with everything that can hang under it, and their unit's draft.
    draft = await _objective(
        o,
        quarter,
        owner.id,
        DRAFT_TITLE,
        [
            _kr(title, "2026-03-31", weight=50, metric_key=metric)
            for title, metric in zip(DRAFT_KR_TITLES, DRAFT_METRIC_KEYS, strict=True)
        ],
        description=DRAFT_DESCRIPTION,
    )
    draft_krs = [kr["id"] for kr in draft["key_results"]]
    initiative = await ok(
        o,
        "POST",
        f"/v1/key-results/{draft_krs[0]}/initiatives",
        {"title": DRAFT_INITIATIVE, "assignee_id": owner.id},
    )
    draft_alignment = await ok(
        o,
        "POST",
        "/v1/alignments",
        {"child_objective_id": draft["id"], "parent_objective_id": public["id"]},
    )
    outbound = await ok(
        o,
        "POST",
        "/v1/dependencies",
        {
            "from_objective_id": draft["id"],
            "to_objective_id": public["id"],
            "note": DRAFT_DEPENDENCY_NOTE,
        },
    )
    inbound = await ok(
        m,
        "POST",
        "/v1/dependencies",
        {
            "from_objective_id": public["id"],
            "to_key_result_id": draft_krs[1],
            "note": DRAFT_INBOUND_NOTE,
        },
    )
    draft_check_in = await _seed_draft_check_in(app, draft_krs[0])
    unit_draft = await _objective(
        o,
        quarter,
        team,
        UNIT_DRAFT_TITLE,
        [_kr(UNIT_DRAFT_KR_TITLE, "2026-03-31", metric_key=UNIT_DRAFT_METRIC_KEY)],
        owner_type="unit",
    )

    # The owner's proposal, not yet agreed: unpublished by the default policy.
    proposed = await _objective(
        o, quarter, owner.id, PROPOSED_TITLE, [_kr(PROPOSED_KR_TITLE, "2026-03-31")]
    )
    proposed = await ok(o, "POST", f"/v1/objectives/{proposed['id']}/submit", None, 200)

    # Credentials, a policy change, and a person deactivated after their token was issued.
    issued = await ok(a, "POST", f"/v1/people/{owner.id}/tokens", {"name": TOKEN_NAME})
    keys = {}
    for scope, name in KEY_NAMES.items():
        key = await ok(a, "POST", "/v1/api-keys", {"name": name, "scopes": [scope]})
        keys[scope] = key_credential(app, f"the {scope} key", key["id"], key["secret"])
    await ok(a, "PATCH", "/v1/policy", {"max_objectives_per_owner": 6}, 200)
    await ok(a, "DELETE", f"/v1/people/{deactivated.id}", None, 204)
    webhook = await ok(
        a,
        "POST",
        "/v1/webhooks",
        {"url": WEBHOOK_URL, "event_types": ["*"], "description": WEBHOOK_DESCRIPTION},
    )
    delivery = await _seed_delivery(app, webhook["id"])

    return World(
        admin=admin,
        manager=manager,
        owner=owner,
        unrelated=unrelated,
        deactivated=deactivated,
        company_id=company,
        team_id=team,
        other_id=other,
        year_id=year,
        quarter_id=quarter,
        review_cycle_id=review_cycle,
        annual_id=annual["id"],
        annual_kr_id=annual_kr,
        change_request_id=change_request["id"],
        public_id=public["id"],
        public_kr_id=public_kr,
        public_check_in_id=public_check_in["id"],
        public_alignment_id=public_alignment["id"],
        public_dependency_id=public_dependency["id"],
        reviewed_id=reviewed["id"],
        unreviewed_id=unreviewed["id"],
        review_id=review["id"],
        draft_id=draft["id"],
        draft_kr_ids=draft_krs,
        draft_initiative_id=initiative["id"],
        draft_alignment_id=draft_alignment["id"],
        draft_dependency_ids=[outbound["id"], inbound["id"]],
        draft_check_in_id=draft_check_in,
        unit_draft_id=unit_draft["id"],
        unit_draft_kr_id=unit_draft["key_results"][0]["id"],
        proposed_id=proposed["id"],
        proposed_kr_id=proposed["key_results"][0]["id"],
        webhook_id=webhook["id"],
        webhook_delivery_id=delivery,
        keys=keys,
        tokens=[
            token_credential("the bootstrap token", ADMIN_TOKEN),
            token_credential("the manager's token", manager.token),
            token_credential("the owner's token", owner.token),
            token_credential("the unrelated member's token", unrelated.token),
            token_credential("the deactivated person's token", deactivated.token),
            token_credential("the owner's second token", issued["token"]),
        ],
    )
