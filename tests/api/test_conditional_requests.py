"""Exact HTTP semantics of entity tags: the ``ETag`` changes whenever the representation does
(derived scores included), ``If-None-Match`` answers 304 on every GET that sends an ETag, and a
write that loses a race under ``If-Match`` is a 412."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from persistence.repositories.base import Repository
from tests.api.test_write_scope_matrix import _review, make_env
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.etags import tag_version
from tests.support.keys import api_routes
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective

SENDS_AN_ETAG = {
    "/v1/policy",
    "/v1/cycles/{cycle_id}",
    "/v1/current-cycle",
    "/v1/objectives/{objective_id}",
    "/v1/key-results/{key_result_id}",
    "/v1/objectives/{objective_id}/review",
}
"""The GET routes that answer with an ``ETag`` (each must honour ``If-None-Match``)."""


async def _agreed(app: FastAPI, admin: Actor, client: httpx.AsyncClient) -> tuple[str, str]:
    cycle = await make_cycle(client, state="active")
    seeded = await seed_objective(
        app, cycle_id=cycle["id"], owner_id=admin.id, key_results=[KR(), KR()]
    )
    return seeded.id, seeded.key_result_ids[0]


async def test_a_check_in_changes_the_etags_of_the_kr_and_its_objective(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    objective, kr = await _agreed(app, admin, client)
    kr_before = await client.get(f"/v1/key-results/{kr}")
    objective_before = await client.get(f"/v1/objectives/{objective}")

    pushed = await client.post(f"/v1/key-results/{kr}/check-ins", json={"value": 60})
    assert pushed.status_code == 201, pushed.text

    kr_after = await client.get(f"/v1/key-results/{kr}")
    objective_after = await client.get(f"/v1/objectives/{objective}")
    assert kr_after.json()["score"] != kr_before.json()["score"]
    assert tag_version(kr_after) == tag_version(kr_before)  # a check-in is no edit
    assert kr_after.headers["etag"] != kr_before.headers["etag"]
    assert objective_after.headers["etag"] != objective_before.headers["etag"]
    # The old tag no longer matches: a conditional GET gets the new representation.
    again = await client.get(
        f"/v1/key-results/{kr}", headers={"If-None-Match": kr_before.headers["etag"]}
    )
    assert again.status_code == 200 and again.json() == kr_after.json()
    # If-Match guards the stored fields, which the check-in did not change.
    patched = await client.patch(
        f"/v1/objectives/{objective}",
        json={"description": "Still the plan"},
        headers={"If-Match": objective_before.headers["etag"]},
    )
    assert patched.status_code in (200, 409), patched.text  # agreed objectives may be frozen
    if patched.status_code == 409:
        assert patched.json()["code"] != "version.stale"


async def test_the_same_representation_keeps_its_etag(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    objective, _kr = await _agreed(app, admin, client)

    first = await client.get(f"/v1/objectives/{objective}")
    second = await client.get(f"/v1/objectives/{objective}")

    assert first.headers["etag"] == second.headers["etag"]
    assert tag_version(first) == first.json()["version"]


async def test_if_none_match_is_a_304_on_every_get_that_sends_an_etag(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    env = await make_env(app, admin, make_actor)
    objective = await _review(env, submitted=False)
    read = (await admin.client.get(f"/v1/objectives/{objective}")).json()
    ids = {
        "cycle_id": env.review_id,
        "objective_id": objective,
        "key_result_id": read["key_results"][0]["id"],
        "unit_id": env.company_id,
        "person_id": env.member.id,
        "dataset": "objectives",
    }
    sent: set[str] = set()
    failures: list[str] = []

    for route in api_routes(app.routes):
        if "GET" not in (route.methods or ()) or any(p not in ids for p in route.param_convertors):
            continue
        path = route.path.format(**{p: ids[p] for p in route.param_convertors})
        first = await admin.client.get(path)
        tag = first.headers.get("etag")
        if first.status_code != 200 or tag is None:
            continue
        sent.add(route.path)
        for header in (tag, f"W/{tag}", f'"0.0000000000000000", {tag}', "*"):
            conditional = await admin.client.get(path, headers={"If-None-Match": header})
            if conditional.status_code != 304 or conditional.content:
                failures.append(f"{route.path} with {header}: {conditional.status_code}")
            elif conditional.headers.get("etag") != tag:
                failures.append(f"{route.path}: the 304 names another tag")
        other = await admin.client.get(path, headers={"If-None-Match": '"0.0000000000000000"'})
        if other.status_code != 200 or other.json() != first.json():
            failures.append(f"{route.path}: a stale tag did not get the representation")

    assert sent == SENDS_AN_ETAG, sent ^ SENDS_AN_ETAG
    assert not failures, failures


async def test_a_write_that_loses_a_race_under_if_match_is_a_412(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle = await make_cycle(client)
    path = f"/v1/cycles/{cycle['id']}"
    tag = (await client.get(path)).headers["etag"]
    original = Repository.update_versioned

    async def after_a_concurrent_commit(
        self: Repository[Any], row: Any, changes: dict[str, Any]
    ) -> Any:
        # Another writer commits between this request's read (and If-Match check) and its write.
        await self.session.execute(
            update(self.model)
            .where(self.model.id == row.id)
            .values(version=row.version + 1)
            .execution_options(synchronize_session=False)
        )
        return await original(self, row, changes)

    monkeypatch.setattr(Repository, "update_versioned", after_a_concurrent_commit)
    lost = await client.patch(path, json={"name": "Lost"}, headers={"If-Match": tag})
    without_precondition = await client.patch(path, json={"name": "Lost too"})
    monkeypatch.undo()

    assert_problem(lost, 412, "precondition.failed")
    assert lost.json()["errors"][0]["field"] == "if-match"
    assert_problem(without_precondition, 409, "version.stale")
    assert (await client.get(path)).json()["name"] == cycle["name"]


async def test_concurrent_writes_under_one_if_match_one_wins_the_others_412(
    client: httpx.AsyncClient,
) -> None:
    cycle = await make_cycle(client)
    path = f"/v1/cycles/{cycle['id']}"
    tag = (await client.get(path)).headers["etag"]

    answers = await asyncio.gather(
        *(
            client.patch(path, json={"name": f"Writer {n}"}, headers={"If-Match": tag})
            for n in range(4)
        )
    )

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 412, 412, 412], [a.text for a in answers]
