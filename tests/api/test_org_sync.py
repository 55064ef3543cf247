"""``POST /v1/org/sync``: a full HR snapshot (JSON or CSV) applied atomically as a diff."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.conftest import Actor
from tests.support.keys import new_key, with_key
from tests.support.problems import assert_problem

HEADER = (
    "kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,"
    "manager_external_id,active"
)


def _snapshot(**people_changes: dict[str, Any]) -> dict[str, Any]:
    people = {
        "p-ceo": {"name": "Ceo", "email": "ceo@example.com", "unit_external_id": "u-co"},
        "p-ann": {
            "name": "Ann",
            "email": "ann@example.com",
            "unit_external_id": "u-sales",
            "manager_external_id": "p-ceo",
        },
        "p-bo": {
            "name": "Bo",
            "email": "bo@example.com",
            "unit_external_id": "u-sales",
            "manager_external_id": "p-ann",
        },
    }
    for ext, change in people_changes.items():
        people[ext] = {**people.get(ext, {}), **change}
    return {
        "units": [
            {"external_id": "u-co", "name": "Company", "head_external_id": "p-ceo"},
            {
                "external_id": "u-sales",
                "name": "Sales",
                "parent_external_id": "u-co",
                "head_external_id": "p-ann",
            },
            {"external_id": "u-ops", "name": "Ops", "parent_external_id": "u-co"},
        ],
        "people": [{"external_id": ext, **values} for ext, values in people.items()],
    }


async def _people(admin: Actor) -> dict[str, dict[str, Any]]:
    items = (await admin.client.get("/v1/people", params={"limit": 500})).json()["items"]
    return {p["external_id"]: p for p in items if p["external_id"]}


async def _units(admin: Actor) -> dict[str, dict[str, Any]]:
    items = (await admin.client.get("/v1/org-units", params={"limit": 500})).json()["items"]
    return {u["external_id"]: u for u in items if u["external_id"]}


async def test_a_snapshot_creates_then_a_second_one_moves_updates_and_deactivates(
    app: FastAPI, admin: Actor
) -> None:
    key = await new_key(admin, "org:write")
    async with with_key(app, key["secret"]) as hris:
        first = await hris.post("/v1/org/sync", json=_snapshot())
        assert first.status_code == 200, first.text
        assert first.json()["summary"]["units_created"] == 3
        assert first.json()["summary"]["people_created"] == 3
        units, people = await _units(admin), await _people(admin)
        assert units["u-sales"]["parent_id"] == units["u-co"]["id"]
        assert units["u-sales"]["head_id"] == people["p-ann"]["id"]
        assert people["p-bo"]["manager_id"] == people["p-ann"]["id"]
        assert all(p["role"] == "member" for p in people.values())

        same = await hris.post("/v1/org/sync", json=_snapshot())
        assert same.json()["changes"] == [] and same.json()["summary"]["unchanged"] == 6

        # Bo moves to Ops under the CEO, Ann is renamed, Cy is new, the CEO's row is missing
        # from the file only in the dry run below.
        second = _snapshot(
            **{
                "p-bo": {"unit_external_id": "u-ops", "manager_external_id": "p-ceo"},
                "p-ann": {"name": "Ann Smith"},
                "p-cy": {"name": "Cy", "email": "cy@example.com", "unit_external_id": "u-ops"},
            }
        )
        second["people"] = [p for p in second["people"] if p["external_id"] != "p-ann"] + [
            {**p, "active": False} for p in second["people"] if p["external_id"] == "p-ann"
        ]
        dry = await hris.post("/v1/org/sync", params={"dry_run": "true"}, json=second)
        assert dry.status_code == 200, dry.text
        assert dry.json()["dry_run"] is True
        actions = {(c["external_id"], c["action"]) for c in dry.json()["changes"]}
        assert actions == {("p-bo", "move"), ("p-ann", "deactivate"), ("p-cy", "create")}
        assert await _people(admin) == people  # nothing written

        applied = await hris.post("/v1/org/sync", json=second)
        assert applied.status_code == 200, applied.text
        summary = applied.json()["summary"]
        assert (summary["people_moved"], summary["people_deactivated"]) == (1, 1)
        assert summary["people_created"] == 1
        after = await _people(admin)
        assert after["p-bo"]["unit_id"] == units["u-ops"]["id"]
        assert after["p-bo"]["manager_id"] == people["p-ceo"]["id"]
        assert after["p-ann"]["active"] is False and after["p-ann"]["name"] == "Ann Smith"
        assert after["p-cy"]["unit_id"] == units["u-ops"]["id"]

        # Missing from the snapshot: deactivated (kept).
        third = _snapshot()
        third["people"] = [p for p in third["people"] if p["external_id"] != "p-bo"]
        gone = await hris.post("/v1/org/sync", json=third)
        assert ("p-bo", "deactivate") in {
            (c["external_id"], c["action"]) for c in gone.json()["changes"]
        }
        assert (await _people(admin))["p-bo"]["active"] is False


async def test_csv_snapshots_are_read_by_the_documented_header(admin: Actor) -> None:
    csv = "\n".join(
        [
            HEADER,
            "unit,u-co,Company,,,p-ceo,,,",
            "unit,u-it,IT,,u-co,,,,",
            "person,p-ceo,Ceo,ceo@example.com,,,u-co,,true",
            "person,p-dev,Dev,dev@example.com,,,u-it,p-ceo,",
        ]
    )
    response = await admin.client.post(
        "/v1/org/sync", content=csv.encode(), headers={"Content-Type": "text/csv"}
    )

    assert response.status_code == 200, response.text
    people, units = await _people(admin), await _units(admin)
    assert people["p-dev"]["unit_id"] == units["u-it"]["id"]
    assert people["p-dev"]["manager_id"] == people["p-ceo"]["id"]
    assert units["u-co"]["head_id"] == people["p-ceo"]["id"]


async def test_every_problem_is_named_with_its_row_and_nothing_is_written(admin: Actor) -> None:
    bad = _snapshot(
        **{
            "p-ceo": {"manager_external_id": "p-bo"},  # p-ceo -> p-bo -> p-ann -> p-ceo
            "p-dup": {"name": "Dup", "email": "ANN@example.com"},
            "p-lost": {"name": "Lost", "email": "lost@example.com", "unit_external_id": "u-x"},
        }
    )
    bad["units"].append({"external_id": "u-a", "name": "A", "parent_external_id": "u-b"})
    bad["units"].append({"external_id": "u-b", "name": "B", "parent_external_id": "u-a"})

    response = await admin.client.post("/v1/org/sync", json=bad)

    assert_problem(response, 409, "sync.refused")
    by_code: dict[str, list[dict[str, Any]]] = {}
    for error in response.json()["errors"]:
        by_code.setdefault(error["code"], []).append(error)
    assert set(by_code) == {
        "sync.manager_loop",
        "sync.unit_loop",
        "sync.duplicate_email",
        "sync.unknown_reference",
    }
    loop = by_code["sync.manager_loop"][0]["message"]
    assert "p-ceo" in loop and "p-bo" in loop and "p-ann" in loop and "people[0]" in loop
    assert "u-a -> u-b -> u-a" in by_code["sync.unit_loop"][0]["message"]
    assert by_code["sync.unknown_reference"][0]["field"] == "people[4].unit_external_id"
    assert by_code["sync.duplicate_email"][0]["field"] == "people[3].email"
    assert await _people(admin) == {} and await _units(admin) == {}


async def test_malformed_rows_are_all_named(admin: Actor) -> None:
    csv = "\n".join(
        [
            HEADER,
            "unit,u-co,,,,,,,",
            "person,p-1,One,not-an-email,,,,,",
            "team,x,y,,,,,,",
            "person,p-2,Two,two@example.com,,,,,maybe",
        ]
    )
    response = await admin.client.post(
        "/v1/org/sync", content=csv.encode(), headers={"Content-Type": "text/csv"}
    )

    assert_problem(response, 422, "sync.invalid_snapshot")
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["line 2.name", "line 3.email", "line 4.kind", "line 5.active"]
    wrong_header = await admin.client.post(
        "/v1/org/sync", content=b"a,b\n", headers={"Content-Type": "text/csv"}
    )
    assert_problem(wrong_header, 422, "sync.invalid_header")


async def test_a_sync_key_never_deactivates_an_admin(app: FastAPI, admin: Actor) -> None:
    await admin.client.patch(f"/v1/people/{admin.id}", json={"external_id": "p-admin"})
    key = await new_key(admin, "org:write")
    async with with_key(app, key["secret"]) as hris:
        response = await hris.post("/v1/org/sync", json=_snapshot())

    assert_problem(response, 409, "sync.refused")
    codes = {e["code"]: e for e in response.json()["errors"]}
    assert set(codes) == {"permission.admin_required", "person.last_admin"}
    assert codes["permission.admin_required"]["field"] == "people.p-admin"
    assert (await admin.client.get(f"/v1/people/{admin.id}")).json()["active"] is True
