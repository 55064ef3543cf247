"""The write-scope matrix: every write route, done for real by a service key of every scope.

Unlike the permission matrix (made-up ids, empty bodies: does the gate let the request through?),
each cell here makes the state the write needs (a draft to submit, a pending change request, a
submitted review...) and sends a request that succeeds for an admin. The expected outcome of every
(route, scope) cell is written here by hand:

- ``admin`` does everything an admin person does, and gets the admin person's answer;
- ``okrs:write`` does the OKR writes (objectives and their workflow, KRs, change requests,
  alignments, dependencies, initiatives, reviews, check-ins) as an admin would, so it gets the
  admin person's answer there; cycles, policy, people, units and credentials are 403;
- ``org:write`` manages org units and people (``test_org_write_never_touches_the_admin_role``
  covers the role and an admin's identity) and nothing else;
- ``metrics:write`` only pushes check-ins; ``okrs:read`` writes nothing.

A refusal is 403 ``permission.scope_required`` and leaves nothing written (the audit trail does
not grow). The table must name every write operation the app serves, so a new one cannot slip in
without a decision. Every scenario is first checked to succeed for the admin person.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from persistence.tables import AlignmentRow, KeyResultRow
from tests.conftest import Actor, MakeActor
from tests.support.keys import WRITE_METHODS, new_key, operations, with_key
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective

SCOPES = ("metrics:write", "okrs:read", "okrs:write", "org:write", "admin")


@dataclass
class Env:
    """An org (company headed by the manager, a member reporting to them) and four cycles."""

    app: FastAPI
    admin: Actor
    manager: Actor
    member: Actor
    company_id: str
    planning_id: str
    active_id: str
    annual_id: str
    review_id: str


@dataclass(frozen=True)
class Call:
    """One write request."""

    method: str
    path: str
    body: Any = None


async def _ok(client: httpx.AsyncClient, method: str, path: str, body: Any = None) -> Any:
    response = await client.request(method, path, json=body)
    assert response.status_code in (200, 201, 204), (method, path, response.text)
    return response.json() if response.content else None


async def _cycle(env_admin: Actor, body: dict[str, Any], *steps: str) -> str:
    cycle = await _ok(env_admin.client, "POST", "/v1/cycles", body)
    for step in steps:
        await _ok(env_admin.client, "POST", f"/v1/cycles/{cycle['id']}/{step}")
    cycle_id: str = cycle["id"]
    return cycle_id


def _quarter(name: str, starts_on: str, ends_on: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "kind": "quarterly", "starts_on": starts_on, "ends_on": ends_on, **extra}


async def make_env(app: FastAPI, admin: Actor, make_actor: MakeActor) -> Env:
    company = await _ok(admin.client, "POST", "/v1/org-units", {"name": "Company"})
    manager = await make_actor(name="Manager", unit_id=company["id"])
    member = await make_actor(name="Member", unit_id=company["id"], manager_id=manager.id)
    await _ok(admin.client, "PATCH", f"/v1/org-units/{company['id']}", {"head_id": manager.id})
    annual = await _cycle(
        admin,
        {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        "activate",
    )
    active = await _cycle(
        admin, _quarter("Q1", "2026-01-01", "2026-03-31", parent_id=annual), "activate"
    )
    planning = await _cycle(admin, _quarter("Q2", "2026-04-01", "2026-06-30", parent_id=annual))
    review = await _cycle(
        admin, _quarter("Q4 2025", "2025-10-01", "2025-12-31"), "activate", "start-review"
    )
    return Env(app, admin, manager, member, company["id"], planning, active, annual, review)


# -- the state each write needs, made fresh for every cell ----------------------------------------


def _unique(what: str) -> str:
    return f"{what} {uuid.uuid4().hex[:8]}"


async def _draft(env: Env, *, kr: bool = True) -> dict[str, Any]:
    """The member's draft in the planning cycle (made by the admin), with one KR."""
    created: dict[str, Any] = await _ok(
        env.admin.client,
        "POST",
        "/v1/objectives",
        {
            "cycle_id": env.planning_id,
            "owner_type": "person",
            "owner_id": env.member.id,
            "title": _unique("Draft"),
        },
    )
    if kr:
        created["key_results"] = [
            await _ok(
                env.admin.client,
                "POST",
                f"/v1/objectives/{created['id']}/key-results",
                {
                    "title": "New customers",
                    "start_value": 0,
                    "target_value": 10,
                    "weight": 100,
                    "due_on": "2026-06-30",
                },
            )
        ]
    return created


async def _proposed(env: Env) -> dict[str, Any]:
    draft = await _draft(env)
    await _ok(env.admin.client, "POST", f"/v1/objectives/{draft['id']}/submit")
    return draft


async def _agreed(env: Env, cycle_id: str, owner: Actor | None = None) -> tuple[str, str]:
    """An agreed objective (rows) of the member in the cycle: its id and its KR's id (due on
    the last day of the annual cycle, as a change request needs)."""
    seeded = await seed_objective(
        env.app,
        cycle_id=cycle_id,
        owner_id=(owner or env.member).id,
        title=_unique("Agreed"),
        key_results=[KR(weight="100", metric_key=_unique("metric").replace(" ", "."))],
    )
    kr_id = seeded.key_result_ids[0]
    if cycle_id == env.annual_id:
        async with env.app.state.session_factory() as session, session.begin():
            kr = await session.get(KeyResultRow, kr_id)
            assert kr is not None
            kr.due_on = date(2026, 12, 31)
    return seeded.id, kr_id


async def _change_request(env: Env) -> str:
    _objective, kr = await _agreed(env, env.annual_id)
    created = await _ok(
        env.admin.client,
        "POST",
        "/v1/change-requests",
        {"key_result_id": kr, "changes": {"target_value": 50}, "reason": "Market grew"},
    )
    request_id: str = created["id"]
    return request_id


async def _alignment_ends(env: Env) -> tuple[str, str]:
    """The member's draft and the manager's agreed objective in the planning cycle."""
    child = await _draft(env, kr=False)
    parent, _kr = await _agreed(env, env.planning_id, env.manager)
    return child["id"], parent


async def _alignment(env: Env) -> str:
    child, parent = await _alignment_ends(env)
    row = AlignmentRow(child_objective_id=child, parent_objective_id=parent)
    async with env.app.state.session_factory() as session, session.begin():
        session.add(row)
    return row.id


async def _dependency(env: Env) -> str:
    source, target = await _alignment_ends(env)
    created = await _ok(
        env.admin.client,
        "POST",
        "/v1/dependencies",
        {"from_objective_id": source, "to_objective_id": target, "note": "Needs leads"},
    )
    dependency_id: str = created["id"]
    return dependency_id


async def _initiative(env: Env) -> str:
    draft = await _draft(env)
    created = await _ok(
        env.admin.client,
        "POST",
        f"/v1/key-results/{draft['key_results'][0]['id']}/initiatives",
        {"title": "Call ten leads"},
    )
    initiative_id: str = created["id"]
    return initiative_id


REVIEW = {
    "achieved": True,
    **dict.fromkeys(("goal", "results", "measures", "problems", "lessons"), "Done"),
}


async def _review(env: Env, *, submitted: bool) -> str:
    """The member's review of an agreed objective in the review cycle; the objective's id."""
    objective, _kr = await _agreed(env, env.review_id)
    path = f"/v1/objectives/{objective}/review"
    await _ok(env.member.client, "PUT", path, REVIEW)
    if submitted:
        await _ok(env.member.client, "POST", f"{path}/submit")
    return objective


async def _person(env: Env, role: str = "member") -> dict[str, Any]:
    person: dict[str, Any] = await _ok(
        env.admin.client,
        "POST",
        "/v1/people",
        {"name": "Someone", "email": f"{uuid.uuid4().hex[:10]}@example.com", "role": role},
    )
    return person


async def _unit(env: Env) -> str:
    unit = await _ok(
        env.admin.client, "POST", "/v1/org-units", {"name": "Team", "parent_id": env.company_id}
    )
    unit_id: str = unit["id"]
    return unit_id


Scenario = Callable[[Env], Awaitable[Call]]


async def _create_objective(env: Env) -> Call:
    body = {
        "cycle_id": env.planning_id,
        "owner_type": "person",
        "owner_id": env.member.id,
        "title": "Win the north",
    }
    return Call("POST", "/v1/objectives", body)


async def _patch_objective(env: Env) -> Call:
    return Call("PATCH", f"/v1/objectives/{(await _draft(env))['id']}", {"title": "Win it all"})


async def _delete_objective(env: Env) -> Call:
    return Call("DELETE", f"/v1/objectives/{(await _draft(env))['id']}")


async def _submit(env: Env) -> Call:
    return Call("POST", f"/v1/objectives/{(await _draft(env))['id']}/submit")


async def _approve(env: Env) -> Call:
    return Call("POST", f"/v1/objectives/{(await _proposed(env))['id']}/approve")


async def _return(env: Env) -> Call:
    return Call(
        "POST", f"/v1/objectives/{(await _proposed(env))['id']}/return", {"reason": "Too vague"}
    )


async def _cancel(env: Env) -> Call:
    objective, _kr = await _agreed(env, env.planning_id)
    return Call("POST", f"/v1/objectives/{objective}/cancel", {"reason": "Strategy changed"})


async def _create_kr(env: Env) -> Call:
    draft = await _draft(env, kr=False)
    body = {"title": "Signed deals", "start_value": 0, "target_value": 5, "weight": 100}
    return Call("POST", f"/v1/objectives/{draft['id']}/key-results", body)


async def _patch_kr(env: Env) -> Call:
    kr = (await _draft(env))["key_results"][0]
    return Call("PATCH", f"/v1/key-results/{kr['id']}", {"target_value": 20})


async def _delete_kr(env: Env) -> Call:
    kr = (await _draft(env))["key_results"][0]
    return Call("DELETE", f"/v1/key-results/{kr['id']}")


async def _create_change_request(env: Env) -> Call:
    _objective, kr = await _agreed(env, env.annual_id)
    body = {"key_result_id": kr, "changes": {"target_value": 50}, "reason": "Market grew"}
    return Call("POST", "/v1/change-requests", body)


async def _accept(env: Env) -> Call:
    return Call("POST", f"/v1/change-requests/{await _change_request(env)}/accept", {"note": "Ok"})


async def _reject(env: Env) -> Call:
    return Call("POST", f"/v1/change-requests/{await _change_request(env)}/reject", {"note": "No"})


async def _create_alignment(env: Env) -> Call:
    child, parent = await _alignment_ends(env)
    return Call(
        "POST", "/v1/alignments", {"child_objective_id": child, "parent_objective_id": parent}
    )


async def _delete_alignment(env: Env) -> Call:
    return Call("DELETE", f"/v1/alignments/{await _alignment(env)}")


async def _create_dependency(env: Env) -> Call:
    source, target = await _alignment_ends(env)
    body = {"from_objective_id": source, "to_objective_id": target, "note": "Needs leads"}
    return Call("POST", "/v1/dependencies", body)


async def _delete_dependency(env: Env) -> Call:
    return Call("DELETE", f"/v1/dependencies/{await _dependency(env)}")


async def _create_initiative(env: Env) -> Call:
    kr = (await _draft(env))["key_results"][0]
    return Call("POST", f"/v1/key-results/{kr['id']}/initiatives", {"title": "Call ten leads"})


async def _patch_initiative(env: Env) -> Call:
    return Call("PATCH", f"/v1/initiatives/{await _initiative(env)}", {"state": "doing"})


async def _delete_initiative(env: Env) -> Call:
    return Call("DELETE", f"/v1/initiatives/{await _initiative(env)}")


async def _carry_follow_up(env: Env) -> Call:
    """A follow-up of the member's review (Q4 2025) carried into Q1, onto a KR of Q1."""
    objective, _kr = await _agreed(env, env.review_id)
    follow_up = {
        "title": "Book fairs",
        "owner_id": env.member.id,
        "carry_to_cycle_id": env.active_id,
    }
    review = await _ok(
        env.member.client,
        "PUT",
        f"/v1/objectives/{objective}/review",
        {**REVIEW, "follow_ups": [follow_up]},
    )
    _next, next_kr = await _agreed(env, env.active_id)
    return Call(
        "POST",
        f"/v1/review-follow-ups/{review['follow_ups'][0]['id']}/carry",
        {"key_result_id": next_kr},
    )


async def _put_review(env: Env) -> Call:
    objective, _kr = await _agreed(env, env.review_id)
    return Call("PUT", f"/v1/objectives/{objective}/review", REVIEW)


async def _submit_review(env: Env) -> Call:
    objective = await _review(env, submitted=False)
    return Call("POST", f"/v1/objectives/{objective}/review/submit")


async def _confirm_review(env: Env) -> Call:
    objective = await _review(env, submitted=True)
    return Call("POST", f"/v1/objectives/{objective}/review/confirm", {"note": "Well done"})


async def _return_review(env: Env) -> Call:
    objective = await _review(env, submitted=True)
    return Call("POST", f"/v1/objectives/{objective}/review/return", {"reason": "Say more"})


async def _check_in(env: Env) -> Call:
    _objective, kr = await _agreed(env, env.active_id)
    return Call("POST", f"/v1/key-results/{kr}/check-ins", {"value": 40})


async def _batch(env: Env) -> Call:
    _objective, kr = await _agreed(env, env.active_id)
    return Call("POST", "/v1/check-ins/batch", {"items": [{"key_result_id": kr, "value": 40}]})


async def _void_check_in(env: Env) -> Call:
    _objective, kr = await _agreed(env, env.active_id)
    point = await env.member.client.post(f"/v1/key-results/{kr}/check-ins", json={"value": 40})
    assert point.status_code == 201, point.text
    return Call("POST", f"/v1/check-ins/{point.json()['id']}/void", {"reason": "wrong value"})


async def _patch_policy(env: Env) -> Call:
    return Call("PATCH", "/v1/policy", {"max_objectives_per_owner": 6})


async def _create_key(env: Env) -> Call:
    return Call("POST", "/v1/api-keys", {"name": "pusher", "scopes": ["metrics:write"]})


async def _revoke_key(env: Env) -> Call:
    key = await new_key(env.admin, "okrs:read")
    return Call("DELETE", f"/v1/api-keys/{key['id']}")


HOOK_URL = "https://192.0.2.10/okr"
"""A documentation address: the outbound guard refuses it, so a ping never leaves the machine."""


async def _webhook(env: Env) -> str:
    response = await env.admin.client.post(
        "/v1/webhooks", json={"url": HOOK_URL, "event_types": ["cycle.*"]}
    )
    assert response.status_code == 201, response.text
    webhook_id: str = response.json()["id"]
    return webhook_id


async def _create_webhook(env: Env) -> Call:
    return Call("POST", "/v1/webhooks", {"url": HOOK_URL, "event_types": ["*"]})


async def _patch_webhook(env: Env) -> Call:
    return Call("PATCH", f"/v1/webhooks/{await _webhook(env)}", {"description": "BI"})


async def _delete_webhook(env: Env) -> Call:
    return Call("DELETE", f"/v1/webhooks/{await _webhook(env)}")


def _webhook_post(action: str, body: Any = None) -> Scenario:
    async def scenario(env: Env) -> Call:
        return Call("POST", f"/v1/webhooks/{await _webhook(env)}/{action}", body)

    return scenario


async def _replay_delivery(env: Env) -> Call:
    hook = await _webhook(env)
    return Call("POST", f"/v1/webhooks/{hook}/deliveries/{uuid.uuid4()}/replay")


async def _create_token(env: Env) -> Call:
    return Call("POST", f"/v1/people/{env.member.id}/tokens", {"name": "laptop"})


async def _revoke_token(env: Env) -> Call:
    token = await _ok(
        env.admin.client, "POST", f"/v1/people/{env.member.id}/tokens", {"name": "old"}
    )
    return Call("DELETE", f"/v1/people/{env.member.id}/tokens/{token['id']}")


async def _create_unit(env: Env) -> Call:
    return Call("POST", "/v1/org-units", {"name": "Sales", "parent_id": env.company_id})


async def _patch_unit(env: Env) -> Call:
    return Call("PATCH", f"/v1/org-units/{await _unit(env)}", {"name": "Sales"})


async def _delete_unit(env: Env) -> Call:
    return Call("DELETE", f"/v1/org-units/{await _unit(env)}")


async def _create_person(env: Env) -> Call:
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    return Call("POST", "/v1/people", {"name": "Newcomer", "email": email})


async def _patch_person(env: Env) -> Call:
    return Call("PATCH", f"/v1/people/{(await _person(env))['id']}", {"name": "Renamed"})


async def _delete_person(env: Env) -> Call:
    return Call("DELETE", f"/v1/people/{(await _person(env))['id']}")


async def _sync_org(env: Env) -> Call:
    ext = uuid.uuid4().hex[:10]
    person = {"external_id": ext, "name": "Synced", "email": f"{ext}@example.com"}
    return Call("POST", "/v1/org/sync?dry_run=true", {"people": [person]})


async def _create_cycle(env: Env) -> Call:
    return Call("POST", "/v1/cycles", _quarter("Q3", "2026-07-01", "2026-09-30"))


async def _fresh_cycle(env: Env, *steps: str) -> str:
    return await _cycle(env.admin, _quarter("Q3", "2026-07-01", "2026-09-30"), *steps)


async def _patch_cycle(env: Env) -> Call:
    return Call("PATCH", f"/v1/cycles/{await _fresh_cycle(env)}", {"name": "Third quarter"})


async def _delete_cycle(env: Env) -> Call:
    return Call("DELETE", f"/v1/cycles/{await _fresh_cycle(env)}")


async def _activate(env: Env) -> Call:
    return Call("POST", f"/v1/cycles/{await _fresh_cycle(env)}/activate")


async def _start_review(env: Env) -> Call:
    return Call("POST", f"/v1/cycles/{await _fresh_cycle(env, 'activate')}/start-review")


async def _close(env: Env) -> Call:
    cycle = await _fresh_cycle(env, "activate", "start-review")
    return Call("POST", f"/v1/cycles/{cycle}/close")


# -- the matrix ---------------------------------------------------------------------------------

ADMIN, ORG, OKRS, PUSH = (
    frozenset({"admin"}),
    frozenset({"org:write", "admin"}),
    frozenset({"okrs:write", "admin"}),
    frozenset({"metrics:write", "okrs:write", "admin"}),
)
NOT_OWNER = (403, "review.not_owner")
"""Reviews are written and submitted by the objective's owner side only: an admin (person or
key) and an ``okrs:write`` key, acting as an admin would, are refused alike."""


@dataclass(frozen=True)
class Cell:
    """Who may do a write, how to make it, and what an allowed caller gets."""

    scopes: frozenset[str]
    scenario: Scenario
    allowed: tuple[int, str | None]


MATRIX: dict[tuple[str, str], Cell] = {
    ("PATCH", "/v1/policy"): Cell(ADMIN, _patch_policy, (200, None)),
    ("POST", "/v1/api-keys"): Cell(ADMIN, _create_key, (201, None)),
    ("DELETE", "/v1/api-keys/{api_key_id}"): Cell(ADMIN, _revoke_key, (204, None)),
    ("POST", "/v1/people/{person_id}/tokens"): Cell(ADMIN, _create_token, (201, None)),
    ("DELETE", "/v1/people/{person_id}/tokens/{token_id}"): Cell(ADMIN, _revoke_token, (204, None)),
    ("POST", "/v1/cycles"): Cell(ADMIN, _create_cycle, (201, None)),
    ("PATCH", "/v1/cycles/{cycle_id}"): Cell(ADMIN, _patch_cycle, (200, None)),
    ("DELETE", "/v1/cycles/{cycle_id}"): Cell(ADMIN, _delete_cycle, (204, None)),
    ("POST", "/v1/cycles/{cycle_id}/activate"): Cell(ADMIN, _activate, (200, None)),
    ("POST", "/v1/cycles/{cycle_id}/start-review"): Cell(ADMIN, _start_review, (200, None)),
    ("POST", "/v1/cycles/{cycle_id}/close"): Cell(ADMIN, _close, (200, None)),
    ("POST", "/v1/org-units"): Cell(ORG, _create_unit, (201, None)),
    ("PATCH", "/v1/org-units/{unit_id}"): Cell(ORG, _patch_unit, (200, None)),
    ("DELETE", "/v1/org-units/{unit_id}"): Cell(ORG, _delete_unit, (204, None)),
    ("POST", "/v1/people"): Cell(ORG, _create_person, (201, None)),
    ("PATCH", "/v1/people/{person_id}"): Cell(ORG, _patch_person, (200, None)),
    ("DELETE", "/v1/people/{person_id}"): Cell(ORG, _delete_person, (204, None)),
    ("POST", "/v1/org/sync"): Cell(ORG, _sync_org, (200, None)),
    ("POST", "/v1/objectives"): Cell(OKRS, _create_objective, (201, None)),
    ("PATCH", "/v1/objectives/{objective_id}"): Cell(OKRS, _patch_objective, (200, None)),
    ("DELETE", "/v1/objectives/{objective_id}"): Cell(OKRS, _delete_objective, (204, None)),
    ("POST", "/v1/objectives/{objective_id}/submit"): Cell(OKRS, _submit, (200, None)),
    ("POST", "/v1/objectives/{objective_id}/approve"): Cell(OKRS, _approve, (200, None)),
    ("POST", "/v1/objectives/{objective_id}/return"): Cell(OKRS, _return, (200, None)),
    ("POST", "/v1/objectives/{objective_id}/cancel"): Cell(OKRS, _cancel, (200, None)),
    ("POST", "/v1/objectives/{objective_id}/key-results"): Cell(OKRS, _create_kr, (201, None)),
    ("PATCH", "/v1/key-results/{key_result_id}"): Cell(OKRS, _patch_kr, (200, None)),
    ("DELETE", "/v1/key-results/{key_result_id}"): Cell(OKRS, _delete_kr, (204, None)),
    ("POST", "/v1/change-requests"): Cell(OKRS, _create_change_request, (201, None)),
    ("POST", "/v1/change-requests/{change_request_id}/accept"): Cell(OKRS, _accept, (200, None)),
    ("POST", "/v1/change-requests/{change_request_id}/reject"): Cell(OKRS, _reject, (200, None)),
    ("POST", "/v1/alignments"): Cell(OKRS, _create_alignment, (201, None)),
    ("DELETE", "/v1/alignments/{alignment_id}"): Cell(OKRS, _delete_alignment, (204, None)),
    ("POST", "/v1/dependencies"): Cell(OKRS, _create_dependency, (201, None)),
    ("DELETE", "/v1/dependencies/{dependency_id}"): Cell(OKRS, _delete_dependency, (204, None)),
    ("POST", "/v1/key-results/{key_result_id}/initiatives"): Cell(
        OKRS, _create_initiative, (201, None)
    ),
    ("PATCH", "/v1/initiatives/{initiative_id}"): Cell(OKRS, _patch_initiative, (200, None)),
    ("DELETE", "/v1/initiatives/{initiative_id}"): Cell(OKRS, _delete_initiative, (204, None)),
    ("PUT", "/v1/objectives/{objective_id}/review"): Cell(OKRS, _put_review, NOT_OWNER),
    ("POST", "/v1/objectives/{objective_id}/review/submit"): Cell(OKRS, _submit_review, NOT_OWNER),
    ("POST", "/v1/objectives/{objective_id}/review/confirm"): Cell(
        OKRS, _confirm_review, (200, None)
    ),
    ("POST", "/v1/objectives/{objective_id}/review/return"): Cell(
        OKRS, _return_review, (200, None)
    ),
    ("POST", "/v1/review-follow-ups/{follow_up_id}/carry"): Cell(
        OKRS, _carry_follow_up, (201, None)
    ),
    ("POST", "/v1/key-results/{key_result_id}/check-ins"): Cell(PUSH, _check_in, (201, None)),
    ("POST", "/v1/check-ins/batch"): Cell(PUSH, _batch, (200, None)),
    ("POST", "/v1/check-ins/{check_in_id}/void"): Cell(OKRS, _void_check_in, (200, None)),
    ("POST", "/v1/webhooks"): Cell(ADMIN, _create_webhook, (201, None)),
    ("PATCH", "/v1/webhooks/{webhook_id}"): Cell(ADMIN, _patch_webhook, (200, None)),
    ("DELETE", "/v1/webhooks/{webhook_id}"): Cell(ADMIN, _delete_webhook, (204, None)),
    ("POST", "/v1/webhooks/{webhook_id}/pause"): Cell(ADMIN, _webhook_post("pause"), (200, None)),
    ("POST", "/v1/webhooks/{webhook_id}/resume"): Cell(ADMIN, _webhook_post("resume"), (200, None)),
    ("POST", "/v1/webhooks/{webhook_id}/rotate-secret"): Cell(
        ADMIN, _webhook_post("rotate-secret", {"grace_seconds": 60}), (200, None)
    ),
    ("POST", "/v1/webhooks/{webhook_id}/ping"): Cell(ADMIN, _webhook_post("ping"), (200, None)),
    ("POST", "/v1/webhooks/{webhook_id}/replay"): Cell(
        ADMIN, _webhook_post("replay", {"after": "0"}), (200, None)
    ),
    ("POST", "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay"): Cell(
        ADMIN, _replay_delivery, (404, "delivery.not_found")
    ),
}

REFUSED = (403, "permission.scope_required")


def outcome(response: httpx.Response) -> tuple[int, str | None]:
    """The status and, for a problem, its code."""
    code = None
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        code = response.json().get("code")
    return response.status_code, code


def expected(cell: Cell, scope: str) -> tuple[int, str | None]:
    return cell.allowed if scope in cell.scopes else REFUSED


def test_the_matrix_names_every_write_operation(app: FastAPI) -> None:
    served = {(method, path) for method, path in operations(app) if method in WRITE_METHODS}

    assert served == set(MATRIX), {
        "not in the matrix": served - set(MATRIX),
        "not served": set(MATRIX) - served,
    }


async def test_every_scenario_succeeds_for_an_admin_person(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    env = await make_env(app, admin, make_actor)
    failures = []

    for (method, path), cell in MATRIX.items():
        call = await cell.scenario(env)
        response = await admin.client.request(call.method, call.path, json=call.body)
        if outcome(response) != cell.allowed:
            failures.append(f"{method} {path} as the admin: {response.status_code} {response.text}")

    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scope", SCOPES)
async def test_every_write_as_a_key_of_scope(
    app: FastAPI, admin: Actor, make_actor: MakeActor, scope: str
) -> None:
    env = await make_env(app, admin, make_actor)
    key = await new_key(admin, scope)
    failures = []

    async with with_key(app, key["secret"]) as client:
        for (method, path), cell in MATRIX.items():
            call = await cell.scenario(env)
            before = await _trail_length(admin)
            response = await client.request(call.method, call.path, json=call.body)
            want = expected(cell, scope)
            if outcome(response) != want:
                failures.append(
                    f"{method} {path} as the {scope} key: {response.status_code} "
                    f"{outcome(response)[1]}, expected {want}: {response.text[:200]}"
                )
            elif want[0] == 403 and await _trail_length(admin) != before:
                failures.append(f"{method} {path} as the {scope} key: refused, but written")

    assert not failures, f"{len(failures)} failing cells:\n" + "\n".join(failures)


async def _trail_length(admin: Actor) -> int:
    """How many writes the audit trail holds (a refused write adds none)."""
    count = 0
    cursor = None
    while True:
        params = {"limit": "500", **({"cursor": cursor} if cursor else {})}
        page = (await admin.client.get("/v1/audit-events", params=params)).json()
        count += len(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return count


# -- org:write, the admin role and an admin's identity ------------------------------------------


@dataclass(frozen=True)
class RoleCase:
    """A people write that touches the admin role or an admin's identity fields (or not)."""

    name: str
    target_role: str | None
    """The role of the person made for the case (None: the write creates one)."""
    method: str
    body: dict[str, Any] | None
    org_write_may: bool


def _email() -> str:
    return f"{uuid.uuid4().hex[:10]}@example.com"


ROLE_CASES = (
    RoleCase("create an admin", None, "POST", {"role": "admin"}, org_write_may=False),
    RoleCase("create a member", None, "POST", {"role": "member"}, org_write_may=True),
    RoleCase("grant the admin role", "member", "PATCH", {"role": "admin"}, org_write_may=False),
    RoleCase("remove the admin role", "admin", "PATCH", {"role": "member"}, org_write_may=False),
    RoleCase("change an admin's e-mail", "admin", "PATCH", {"email": "x"}, org_write_may=False),
    RoleCase(
        "change an admin's external id",
        "admin",
        "PATCH",
        {"external_id": "hr-1"},
        org_write_may=False,
    ),
    RoleCase(
        "deactivate an admin by patch", "admin", "PATCH", {"active": False}, org_write_may=False
    ),
    RoleCase("deactivate an admin", "admin", "DELETE", None, org_write_may=False),
    RoleCase("change a member's e-mail", "member", "PATCH", {"email": "x"}, org_write_may=True),
    RoleCase(
        "change a member's external id",
        "member",
        "PATCH",
        {"external_id": "hr-2"},
        org_write_may=True,
    ),
    RoleCase(
        "deactivate a member by patch", "member", "PATCH", {"active": False}, org_write_may=True
    ),
    RoleCase("deactivate a member", "member", "DELETE", None, org_write_may=True),
)


def _body(case: RoleCase) -> dict[str, Any] | None:
    if case.body is None:
        return None
    body = dict(case.body)
    if body.get("email") == "x":
        body["email"] = _email()
    if case.method == "POST":
        body.update(name="Newcomer", email=_email())
    return body


async def _role_call(admin: Actor, case: RoleCase) -> tuple[Call, str | None]:
    """The request of a case, and the id of the person it changes (None when it creates one)."""
    if case.target_role is None:
        return Call("POST", "/v1/people", _body(case)), None
    target = await _ok(
        admin.client,
        "POST",
        "/v1/people",
        {"name": "Target", "email": _email(), "role": case.target_role},
    )
    return Call(case.method, f"/v1/people/{target['id']}", _body(case)), target["id"]


@pytest.mark.parametrize("scope", ["org:write", "admin"])
async def test_org_write_never_touches_the_admin_role(
    app: FastAPI, admin: Actor, scope: str
) -> None:
    key = await new_key(admin, scope)
    failures = []

    async with with_key(app, key["secret"]) as client:
        for case in ROLE_CASES:
            call, target = await _role_call(admin, case)
            before = None
            if target is not None:
                before = (await admin.client.get(f"/v1/people/{target}")).json()
            people_before = (await admin.client.get("/v1/people", params={"limit": 500})).json()

            response = await client.request(call.method, call.path, json=call.body)

            allowed = scope == "admin" or case.org_write_may
            if allowed and response.status_code not in (200, 201, 204):
                failures.append(
                    f"{case.name} as the {scope} key: {response.status_code} {response.text}"
                )
            if not allowed:
                if response.status_code != 403 or not response.headers.get(
                    "content-type", ""
                ).startswith("application/problem+json"):
                    failures.append(
                        f"{case.name} as the {scope} key: {response.status_code}, expected 403"
                    )
                after = (await admin.client.get("/v1/people", params={"limit": 500})).json()
                if target is not None:
                    now = (await admin.client.get(f"/v1/people/{target}")).json()
                    changed = {k: v for k, v in now.items() if before and before[k] != v}
                    changed.pop("updated_at", None)
                    if changed:
                        failures.append(f"{case.name} as the {scope} key: changed {changed}")
                elif len(after["items"]) != len(people_before["items"]):
                    failures.append(f"{case.name} as the {scope} key: a person was created")

    assert not failures, f"{len(failures)} failing cases:\n" + "\n".join(failures)


async def test_a_refusal_names_the_missing_scope(app: FastAPI, admin: Actor) -> None:
    key = await new_key(admin, "okrs:write")

    async with with_key(app, key["secret"]) as client:
        response = await client.post("/v1/cycles", json=_quarter("Q3", "2026-07-01", "2026-09-30"))

    body = assert_problem(response, 403, "permission.scope_required")
    assert "admin" in str(body["detail"])
