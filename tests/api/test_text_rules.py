"""Titles, names and free text: blank, zero-width-only and control characters are refused.

Titles and names (objectives, key results, initiatives, cycles, units, people, keys, tokens) hold
no control character and at least one visible character, and are stored trimmed; free text
(descriptions, notes, reasons) holds no control character but tab and line breaks (a blank
reason stays the domain's refusal, 409). The schema
states both rules as a ``pattern`` beside the length limits.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from api.schemas.common import TEXT_RULE, TITLE_RULE
from api.settings import Settings
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_unit
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective

BLANK = [
    "",
    " ",
    "   \u3000 \u00a0",
    "\u200b",
    "\u200c\u200d",
    "\u2060\ufeff",
    " \u200b \ufeff ",
]
CONTROL = ["a\x01", "tab\there", "line\nbreak", "\rx", "del\x7f", "c1\x85", "c1\x9f"]
TEXT_CONTROL = ["bell\x07", "esc\x1b[2J", "v\x0bt", "del\x7f", "c1\x9b"]
TEXT_ALLOWED = "first line\r\n\tindented\nlast"

SPEC_ONLY_URL = f"sqlite+aiosqlite:///{tempfile.gettempdir()}/okr-spec-only.db"
"""Never connected to: the app is built only to read its OpenAPI document."""


def _refused(response: httpx.Response, field: str, code: str) -> None:
    problem = assert_problem(response, 422, "request.invalid")
    errors = problem["errors"]
    assert isinstance(errors, list)
    assert any(e["field"] == field and e["code"] == code for e in errors), (field, errors)


def _code_for(value: str) -> str:
    return "string_too_short" if value == "" else "string_blank"


@dataclass
class World:
    """An admin, a member with a draft objective and a KR in a planning quarter."""

    admin: Actor
    member: Actor
    unit_id: str
    cycle_id: str
    objective_id: str
    kr_id: str


@pytest.fixture
async def world(app: FastAPI, admin: Actor, make_actor: MakeActor) -> World:
    unit = await make_unit(admin.client, "Company")
    member = await make_actor(unit_id=unit)
    cycle = (await make_cycle(admin.client, state="planning"))["id"]
    okr = await seed_objective(
        app, cycle_id=cycle, owner_id=member.id, state="draft", key_results=[KR()]
    )
    return World(admin, member, unit, cycle, okr.id, okr.key_result_ids[0])


Create = Callable[[World, str], Awaitable[httpx.Response]]


async def _objective(w: World, title: str) -> httpx.Response:
    body = {"cycle_id": w.cycle_id, "owner_type": "person", "owner_id": w.member.id}
    return await w.member.client.post("/v1/objectives", json={**body, "title": title})


async def _key_result(w: World, title: str) -> httpx.Response:
    body = {"title": title, "start_value": 0, "target_value": 10, "weight": 50}
    return await w.member.client.post(f"/v1/objectives/{w.objective_id}/key-results", json=body)


async def _initiative(w: World, title: str) -> httpx.Response:
    return await w.member.client.post(
        f"/v1/key-results/{w.kr_id}/initiatives", json={"title": title}
    )


async def _cycle(w: World, name: str) -> httpx.Response:
    body = {"kind": "quarterly", "starts_on": "2026-04-01", "ends_on": "2026-06-30"}
    return await w.admin.client.post("/v1/cycles", json={**body, "name": name})


async def _unit(w: World, name: str) -> httpx.Response:
    return await w.admin.client.post("/v1/org-units", json={"name": name, "parent_id": w.unit_id})


async def _person(w: World, name: str) -> httpx.Response:
    email = f"p{abs(hash(name)) % 10**8}@example.com"
    return await w.admin.client.post("/v1/people", json={"name": name, "email": email})


async def _api_key(w: World, name: str) -> httpx.Response:
    return await w.admin.client.post("/v1/api-keys", json={"name": name, "scopes": ["okrs:read"]})


async def _token(w: World, name: str) -> httpx.Response:
    return await w.admin.client.post(f"/v1/people/{w.member.id}/tokens", json={"name": name})


TITLED: dict[str, tuple[Create, str]] = {
    "objective": (_objective, "title"),
    "key result": (_key_result, "title"),
    "initiative": (_initiative, "title"),
    "cycle": (_cycle, "name"),
    "org unit": (_unit, "name"),
    "person": (_person, "name"),
    "api key": (_api_key, "name"),
    "token": (_token, "name"),
}


class TestTitles:
    @pytest.mark.parametrize("what", list(TITLED))
    async def test_blank_zero_width_and_control_characters_are_refused_naming_the_field(
        self, world: World, what: str
    ) -> None:
        create, field = TITLED[what]
        for value in BLANK:
            _refused(await create(world, value), field, _code_for(value))
        for value in CONTROL:
            _refused(await create(world, value), field, "string_control_character")
        _refused(await create(world, "x" * 201), field, "string_too_long")

    @pytest.mark.parametrize("what", list(TITLED))
    async def test_a_title_is_stored_trimmed(self, world: World, what: str) -> None:
        create, field = TITLED[what]

        created = await create(world, " \u3000 Grow \u00a0the\u2003base  ")
        longest = await create(world, "x" * 200)

        assert created.status_code == 201, created.text
        assert created.json()[field] == "Grow \u00a0the\u2003base"
        assert longest.status_code == 201, longest.text
        assert longest.json()[field] == "x" * 200

    async def test_zero_width_characters_beside_visible_ones_are_kept(self, world: World) -> None:
        created = await _objective(world, "\u200bGrow\u200d")

        assert created.status_code == 201, created.text
        read = await world.member.client.get(f"/v1/objectives/{created.json()['id']}")
        assert read.json()["title"] == "\u200bGrow\u200d"

    async def test_an_update_is_checked_and_trimmed_too(self, world: World) -> None:
        url = f"/v1/objectives/{world.objective_id}"

        blank = await world.member.client.patch(url, json={"title": "\u200b \u200b"})
        control = await world.member.client.patch(url, json={"title": "new\x1b"})
        renamed = await world.member.client.patch(url, json={"title": "  New title "})

        _refused(blank, "title", "string_blank")
        _refused(control, "title", "string_control_character")
        assert renamed.status_code == 200, renamed.text
        assert renamed.json()["title"] == "New title"

    async def test_a_key_result_unit_is_a_short_title(self, world: World) -> None:
        url = f"/v1/key-results/{world.kr_id}"

        blank = await world.member.client.patch(url, json={"unit": " "})
        trimmed = await world.member.client.patch(url, json={"unit": " % "})

        _refused(blank, "unit", "string_blank")
        assert trimmed.status_code == 200, trimmed.text
        assert trimmed.json()["unit"] == "%"


class TestFreeText:
    async def test_a_description_refuses_control_characters_but_tab_and_line_breaks(
        self, world: World
    ) -> None:
        url = f"/v1/objectives/{world.objective_id}"
        for value in TEXT_CONTROL:
            response = await world.member.client.patch(url, json={"description": value})
            _refused(response, "description", "string_control_character")
        # NUL never reaches a field: a body holding one is refused whole (api.routing).
        nul = await world.member.client.patch(url, json={"description": "a\x00b"})
        assert_problem(nul, 422, "request.invalid")

        kept = await world.member.client.patch(url, json={"description": TEXT_ALLOWED})

        assert kept.status_code == 200, kept.text
        assert kept.json()["description"] == TEXT_ALLOWED

    async def test_a_check_in_note_refuses_control_characters(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        unit = await make_unit(admin.client, "Company")
        member = await make_actor(unit_id=unit)
        quarter = (await make_cycle(admin.client, state="active"))["id"]
        okr = await seed_objective(app, cycle_id=quarter, owner_id=member.id)
        kr = okr.key_result_ids[0]

        single = await member.client.post(
            f"/v1/key-results/{kr}/check-ins", json={"value": 1, "note": "esc\x1b"}
        )
        batch = await member.client.post(
            "/v1/check-ins/batch",
            json={
                "items": [
                    {"key_result_id": kr, "value": 2, "note": "bell\x07"},
                    {"key_result_id": kr, "value": 3, "note": TEXT_ALLOWED},
                ]
            },
        )

        _refused(single, "note", "string_control_character")
        assert batch.status_code == 200, batch.text
        first, second = batch.json()["items"]
        assert (first["outcome"], first["error"]["field"]) == ("refused", "items.0.note")
        assert first["error"]["code"] == "request.invalid"
        assert second["outcome"] == "created"

    async def test_a_reason_refuses_control_characters_and_blank_is_the_domains_refusal(
        self, app: FastAPI, world: World
    ) -> None:
        submitted = await seed_objective(
            app, cycle_id=world.cycle_id, owner_id=world.member.id, state="proposed"
        )
        url = f"/v1/objectives/{submitted.id}/return"

        control = await world.admin.client.post(url, json={"reason": "no\x1b"})
        blank = await world.admin.client.post(url, json={"reason": " \n\t"})

        _refused(control, "reason", "string_control_character")
        assert_problem(blank, 409, "objective.reason_required")


def _input_properties(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every property of a request body schema, by ``Schema.property``."""
    names = set()
    for item in spec["paths"].values():
        for operation in item.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body and "$ref" in body["schema"]:
                names.add(body["schema"]["$ref"].rsplit("/", 1)[-1])
    found: dict[str, dict[str, Any]] = {}
    while names:
        name = names.pop()
        for prop, schema in spec["components"]["schemas"][name].get("properties", {}).items():
            for branch in schema.get("anyOf", [schema]):
                ref = branch.get("$ref") or branch.get("items", {}).get("$ref")
                if ref:
                    names.add(ref.rsplit("/", 1)[-1])
                elif branch.get("type") == "string":
                    found[f"{name}.{prop}"] = branch
    return found


def test_the_schema_states_the_length_and_characters_of_every_title_and_text() -> None:
    spec = create_app(Settings(database_url=SPEC_ONLY_URL, demo=False)).openapi()
    properties = _input_properties(spec)

    titles = {k: v for k, v in properties.items() if k.rsplit(".", 1)[1] in {"title", "name"}}
    texts = {
        k: v
        for k, v in properties.items()
        if k.rsplit(".", 1)[1] in {"description", "note", "reason", "goal", "lessons"}
    }

    assert {"ObjectiveCreate.title", "CycleCreate.name", "PersonCreate.name"} <= titles.keys()
    for where, schema in titles.items():
        assert (schema["minLength"], schema["maxLength"]) == (1, 200), where
        assert schema["pattern"] == TITLE_RULE.pattern, where
    assert {"ObjectiveCreate.description", "CheckInCreate.note", "ObjectiveReason.reason"} <= (
        texts.keys()
    )
    for where, schema in texts.items():
        assert schema["maxLength"] == 4000, where
        assert schema["pattern"] == TEXT_RULE.pattern, where


def test_the_patterns_agree_with_the_checks() -> None:
    title = re.compile(TITLE_RULE.pattern)
    text = re.compile(TEXT_RULE.pattern)

    assert not [v for v in [*BLANK, *CONTROL, "a\x00b"] if title.search(v)]
    assert title.search("\u200bGrow") and title.search("名前 😀 \u200b")
    assert not [v for v in TEXT_CONTROL if text.search(v)]
    assert text.search(TEXT_ALLOWED) and text.search("")
