"""The permission matrix: every write endpoint, tried as every scope and as a member and an admin.

The expected outcome of each cell is written out here by hand (not derived from the gate), and
the table must name every write operation the app serves, so a new endpoint cannot slip in
without a decision. A cell either refuses with the exact problem (403 naming the scope or the
role) or lets the request through to the resource, which then answers for itself (404 for the
made-up ids, 422 for the empty body...) but never 401 or 403.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.keys import (
    WRITE_METHODS,
    api_routes,
    concrete,
    new_key,
    operations,
    with_key,
)
from tests.support.problems import assert_problem

SCOPES = ("metrics:write", "okrs:read", "okrs:write", "org:write", "admin")
ADMIN, ORG, OKRS, PUSH = (
    ("admin",),
    ("org:write",),
    ("okrs:write",),
    ("metrics:write", "okrs:write"),
)
ADMINS_ONLY, ANYONE = "admin", "member"

# (method, path) -> (scopes a service key needs, the least person role that gets through)
MATRIX: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("PATCH", "/v1/policy"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/api-keys"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks"): (ADMIN, ADMINS_ONLY),
    ("PATCH", "/v1/webhooks/{webhook_id}"): (ADMIN, ADMINS_ONLY),
    ("DELETE", "/v1/webhooks/{webhook_id}"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/pause"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/resume"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/rotate-secret"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/ping"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/replay"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay"): (ADMIN, ADMINS_ONLY),
    ("DELETE", "/v1/api-keys/{api_key_id}"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/people/{person_id}/tokens"): (ADMIN, ADMINS_ONLY),
    ("DELETE", "/v1/people/{person_id}/tokens/{token_id}"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/org-units"): (ORG, ADMINS_ONLY),
    ("PATCH", "/v1/org-units/{unit_id}"): (ORG, ADMINS_ONLY),
    ("DELETE", "/v1/org-units/{unit_id}"): (ORG, ADMINS_ONLY),
    ("POST", "/v1/people"): (ORG, ADMINS_ONLY),
    ("PATCH", "/v1/people/{person_id}"): (ORG, ADMINS_ONLY),
    ("DELETE", "/v1/people/{person_id}"): (ORG, ADMINS_ONLY),
    ("POST", "/v1/org/sync"): (ORG, ADMINS_ONLY),
    ("POST", "/v1/cycles"): (ADMIN, ADMINS_ONLY),
    ("PATCH", "/v1/cycles/{cycle_id}"): (ADMIN, ADMINS_ONLY),
    ("DELETE", "/v1/cycles/{cycle_id}"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/cycles/{cycle_id}/activate"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/cycles/{cycle_id}/start-review"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/cycles/{cycle_id}/close"): (ADMIN, ADMINS_ONLY),
    ("POST", "/v1/objectives"): (OKRS, ANYONE),
    ("PATCH", "/v1/objectives/{objective_id}"): (OKRS, ANYONE),
    ("DELETE", "/v1/objectives/{objective_id}"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/submit"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/approve"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/return"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/cancel"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/key-results"): (OKRS, ANYONE),
    ("PATCH", "/v1/key-results/{key_result_id}"): (OKRS, ANYONE),
    ("DELETE", "/v1/key-results/{key_result_id}"): (OKRS, ANYONE),
    ("POST", "/v1/change-requests"): (OKRS, ANYONE),
    ("POST", "/v1/change-requests/{change_request_id}/accept"): (OKRS, ANYONE),
    ("POST", "/v1/change-requests/{change_request_id}/reject"): (OKRS, ANYONE),
    ("POST", "/v1/alignments"): (OKRS, ANYONE),
    ("DELETE", "/v1/alignments/{alignment_id}"): (OKRS, ANYONE),
    ("POST", "/v1/dependencies"): (OKRS, ANYONE),
    ("DELETE", "/v1/dependencies/{dependency_id}"): (OKRS, ANYONE),
    ("POST", "/v1/key-results/{key_result_id}/initiatives"): (OKRS, ANYONE),
    ("PATCH", "/v1/initiatives/{initiative_id}"): (OKRS, ANYONE),
    ("DELETE", "/v1/initiatives/{initiative_id}"): (OKRS, ANYONE),
    ("PUT", "/v1/objectives/{objective_id}/review"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/review/submit"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/review/confirm"): (OKRS, ANYONE),
    ("POST", "/v1/objectives/{objective_id}/review/return"): (OKRS, ANYONE),
    ("POST", "/v1/review-follow-ups/{follow_up_id}/carry"): (OKRS, ANYONE),
    ("POST", "/v1/key-results/{key_result_id}/check-ins"): (PUSH, ANYONE),
    ("POST", "/v1/check-ins/batch"): (PUSH, ANYONE),
    ("POST", "/v1/check-ins/{check_in_id}/void"): (OKRS, ANYONE),
}


def _writes(app: FastAPI) -> list[tuple[str, str]]:
    return [(method, path) for method, path in operations(app) if method in WRITE_METHODS]


def _got_through(response: httpx.Response) -> bool:
    return response.status_code not in (401, 403, 500)


def test_the_matrix_names_every_write_operation(app: FastAPI) -> None:
    served = set(_writes(app))

    assert served == set(MATRIX), {"not in the matrix": served - set(MATRIX)}


async def test_every_write_as_every_scope(app: FastAPI, admin: Actor) -> None:
    outcomes: dict[str, int] = {"allowed": 0, "refused": 0}

    for scope in SCOPES:
        key = await new_key(admin, scope)
        async with with_key(app, key["secret"]) as client:
            for (method, path), (needs, _role) in MATRIX.items():
                response = await client.request(method, concrete(path), json={})
                if scope == "admin" or scope in needs:
                    assert _got_through(response), (scope, method, path, response.text)
                    outcomes["allowed"] += 1
                else:
                    body = assert_problem(response, 403, "permission.scope_required")
                    assert " or ".join(needs) in str(body["detail"]), (scope, method, path)
                    outcomes["refused"] += 1

    assert outcomes == {"allowed": 92, "refused": 183}  # 55 operations x 5 scopes


async def test_every_write_as_a_member_and_as_an_admin(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    member = await make_actor(role="member")

    for (method, path), (_needs, role) in MATRIX.items():
        as_member = await member.client.request(method, concrete(path), json={})
        as_admin = await admin.client.request(method, concrete(path), json={})

        assert _got_through(as_admin), (method, path, as_admin.text)
        if role == ADMINS_ONLY:
            assert_problem(as_member, 403, "permission.admin_required")
        else:
            assert _got_through(as_member), (method, path, as_member.text)


# -- /scim/v2 (outside /v1: its refusals are SCIM error documents, not problem+json) ---------

SCIM_ACCESS = ("scim", "org:write")
SCIM_MATRIX: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("POST", "/scim/v2/Users"): (SCIM_ACCESS, ADMINS_ONLY),
    ("POST", "/scim/v2/Users/.search"): (SCIM_ACCESS, ADMINS_ONLY),
    ("PUT", "/scim/v2/Users/{user_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("PATCH", "/scim/v2/Users/{user_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("DELETE", "/scim/v2/Users/{user_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("POST", "/scim/v2/Groups"): (SCIM_ACCESS, ADMINS_ONLY),
    ("POST", "/scim/v2/Groups/.search"): (SCIM_ACCESS, ADMINS_ONLY),
    ("PUT", "/scim/v2/Groups/{group_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("PATCH", "/scim/v2/Groups/{group_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("DELETE", "/scim/v2/Groups/{group_id}"): (SCIM_ACCESS, ADMINS_ONLY),
    ("POST", "/scim/v2/.search"): (SCIM_ACCESS, ADMINS_ONLY),
}


def _scim_writes(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in api_routes(app.routes)
        if route.path.startswith("/scim/v2/")
        for method in route.methods or ()
        if method in WRITE_METHODS
    }


def _scim_refused(response: httpx.Response, status: int) -> bool:
    return (
        response.status_code == status
        and response.headers["content-type"].startswith("application/scim+json")
        and response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    )


def test_the_scim_matrix_names_every_scim_write(app: FastAPI) -> None:
    assert _scim_writes(app) == set(SCIM_MATRIX)


async def test_every_scim_write_as_every_scope_a_member_and_an_admin(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    outcomes = {"allowed": 0, "refused": 0}
    for scope in (*SCOPES, "scim"):
        key = await new_key(admin, scope)
        async with with_key(app, key["secret"]) as client:
            for (method, path), (needs, _role) in SCIM_MATRIX.items():
                response = await client.request(method, concrete(path), json={})
                if scope == "admin" or scope in needs:
                    assert _got_through(response), (scope, method, path, response.text)
                    outcomes["allowed"] += 1
                else:
                    assert _scim_refused(response, 403), (scope, method, path, response.text)
                    assert "scim or org:write" in response.json()["detail"]
                    outcomes["refused"] += 1
    member = await make_actor(role="member")
    for method, path in SCIM_MATRIX:
        assert _scim_refused(await member.client.request(method, concrete(path), json={}), 403)
        as_admin = await admin.client.request(method, concrete(path), json={})
        assert _got_through(as_admin), (method, path, as_admin.text)

    assert outcomes == {"allowed": 33, "refused": 33}  # 11 operations x 6 scopes
