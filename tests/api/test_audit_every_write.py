"""Every write operation the app serves leaves an entry in the audit trail.

The write routes are enumerated from ``app.routes`` (through the write-scope matrix, which must
name each of them); each is done for real by the admin with the state it needs, and the trail
must then hold at least one entry carrying that request's id, attributed to the admin.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
from fastapi import FastAPI

from tests.api.test_write_scope_matrix import MATRIX, make_env
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.keys import WRITE_METHODS, operations
from tests.support.seed import seed_objective


async def _trail_since(admin: Actor, after: int) -> list[dict[str, Any]]:
    """The audit entries written after the entry ``after`` (its id), oldest first."""
    entries: list[dict[str, Any]] = []
    cursor: str | None = str(after) if after else None
    while True:
        params = {"limit": "500", **({"cursor": cursor} if cursor else {})}
        page = (await admin.client.get("/v1/audit-events", params=params)).json()
        entries += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return entries


RESOURCES = {
    "alignments": "alignment",
    "api-keys": "api_key",
    "change-requests": "change_request",
    "check-ins": "check_in",
    "cycles": "cycle",
    "dependencies": "dependency",
    "initiatives": "initiative",
    "key-results": "key_result",
    "objectives": "objective",
    "org-units": "org_unit",
    "people": "person",
    "policy": "policy",
    "review": "review",
    "review-follow-ups": "initiative",
    "sync": "person",
    "tokens": "token",
    "webhooks": "webhook",
    "deliveries": "webhook_delivery",
}
"""The entity a write of each collection must leave in the trail (a new collection has to be
named here: a write whose entity is unknown fails the test)."""


CHANGES_NOTHING = {
    ("POST", "/v1/webhooks/{webhook_id}/ping"): "a ping sends a request and stores nothing",
    ("POST", "/v1/webhooks/{webhook_id}/replay"): "the subscription has no delivery to send again",
}
"""Writes whose scenario here changes no stored state, so that no entry is due."""


async def _prepare(admin: Actor, method: str, path: str, call: Any) -> Any:
    """Make the scenario's call one that changes state: the sync applied rather than dry-run,
    a paused subscription resumed."""
    if path == "/v1/org/sync":
        call = dataclasses.replace(call, path=call.path.replace("?dry_run=true", ""))
    if path.endswith("/resume"):
        paused = await admin.client.post(call.path.removesuffix("/resume") + "/pause")
        assert paused.status_code == 200, paused.text
    return call


def _entity_of(path: str) -> str:
    """The entity a write route writes: that of the last collection named in its path."""
    collections = [s for s in path.split("/")[2:] if not s.startswith("{")]
    known = [s for s in collections if s in RESOURCES]
    assert known, f"{path}: which entity does it write? name its collection in RESOURCES"
    return RESOURCES[known[-1]]


def _last_id(entries: list[dict[str, Any]], before: int) -> int:
    return max([before, *(int(e["id"]) for e in entries)])


async def test_every_write_route_leaves_an_audit_entry(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    served = {(m, p) for m, p in operations(app) if m in WRITE_METHODS}
    assert served == set(MATRIX)
    env = await make_env(app, admin, make_actor)
    last = _last_id(await _trail_since(admin, 0), 0)
    missing = []

    for (method, path), cell in sorted(MATRIX.items()):
        if (method, path) in CHANGES_NOTHING:
            continue
        call = await _prepare(admin, method, path, await cell.scenario(env))
        last = _last_id(await _trail_since(admin, last), last)
        response = await admin.client.request(call.method, call.path, json=call.body)
        assert response.status_code < 300 or cell.allowed[0] >= 400, (method, path, response.text)
        if response.status_code >= 300:
            continue  # refused by the domain for an admin (reviews are the owner's)
        request_id = response.headers["X-Request-ID"]
        written = await _trail_since(admin, last)
        mine = [e for e in written if e["request_id"] == request_id]
        entity = _entity_of(path)
        if not any(e["entity"] == entity for e in mine) or any(
            e["principal_id"] != admin.id for e in mine
        ):
            missing.append(f"{method} {path} ({entity}: {sorted({e['entity'] for e in mine})})")
        last = _last_id(written, last)

    assert not missing, "writes without an audit entry: " + ", ".join(missing)


async def test_a_batch_leaves_one_entry_per_stored_check_in(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    cycle = await make_cycle(client, state="active")
    seeded = await seed_objective(app, cycle_id=cycle["id"], owner_id=admin.id)
    kr = seeded.key_result_ids[0]
    items = [{"key_result_id": kr, "value": n, "external_id": f"row-{n}"} for n in range(3)]
    items.append({"key_result_id": kr, "value": "not a number"})
    last = _last_id(await _trail_since(admin, 0), 0)

    answer = await client.post("/v1/check-ins/batch", json={"items": items})

    assert answer.status_code == 200 and answer.json()["created"] == 3, answer.text
    written = [e for e in await _trail_since(admin, last) if e["entity"] == "check_in"]
    assert len(written) == 3
    assert {e["after"]["external_id"] for e in written} == {"row-0", "row-1", "row-2"}
    assert all(e["action"] == "create" and e["before"] is None for e in written)
    assert all(e["after"]["key_result_id"] == kr for e in written)
    assert all(e["entity_id"] == e["after"]["id"] for e in written)
    assert {e["request_id"] for e in written} == {answer.headers["X-Request-ID"]}
    assert {e["principal_id"] for e in written} == {admin.id}
    # The same snapshot on both backends (PostgreSQL splits one JSON array in SQL, SQLite
    # writes the entries as rows): every column of the stored row, values as JSON spells them.
    row_2 = next(e["after"] for e in written if e["after"]["external_id"] == "row-2")
    assert sorted(row_2) == sorted(
        [
            *("id", "created_at", "updated_at", "key_result_id", "value", "done", "confidence"),
            *("note", "observed_at", "received_at", "source", "external_id", "author_id"),
            *("blocker", "needs_help_from", "feed_position"),
        ]
    ), row_2
    assert (row_2["value"], row_2["source"], row_2["author_id"]) == ("2", "manual", admin.id)
    assert row_2["observed_at"].endswith("Z") and row_2["feed_position"] > 0, row_2
