"""The history's cursor: a well-formed cursor that is no history position is refused (422)."""

from __future__ import annotations

from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_unit
from tests.support.problems import assert_problem
from tests.support.seed import seed_objective


async def test_a_cursor_of_another_list_is_refused_and_a_real_one_pages(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    unit = await make_unit(admin.client, "Company")
    owner = await make_actor(unit_id=unit)
    okr = await seed_objective(
        app, cycle_id=(await make_cycle(admin.client, state="active"))["id"], owner_id=owner.id
    )
    kr_id = okr.key_result_ids[0]
    for value in (10, 20, 30):
        pushed = await owner.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": value}
        )
        assert pushed.status_code == 201, pushed.text
    path = f"/v1/key-results/{kr_id}/check-ins"

    foreign = await owner.client.get(path, params={"cursor": "1767225600000000.abc"})
    first = await owner.client.get(path, params={"limit": 2})
    rest = await owner.client.get(path, params={"limit": 2, "cursor": first.json()["next_cursor"]})

    assert_problem(foreign, 422, "request.invalid_cursor")
    assert [c["value"] for c in first.json()["items"]] == [30, 20]
    assert [c["value"] for c in rest.json()["items"]] == [10]
    assert rest.json()["next_cursor"] is None
