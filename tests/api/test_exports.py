"""``GET /v1/exports/{dataset}``: headers, row counts, joined names, filters, visibility, chunks."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.services import exports
from persistence import exports as export_reads
from persistence.tables import ReviewRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.problems import assert_problem
from tests.support.seed import seed_check_in, seed_scored_objective

OBJECTIVE_HEADER = [
    "id",
    "title",
    "cycle_id",
    "cycle_name",
    "owner_type",
    "owner_id",
    "owner_name",
    "origin",
    "state",
    "score",
    "grade",
    "final_score",
    "final_grade",
    "version",
    "created_at",
    "updated_at",
    "forecast_score",
    "forecast_low",
    "forecast_high",
    "forecast_band",
    "forecast_method",
    "forecast_points",
]


def rows_of(response: httpx.Response) -> tuple[list[str], list[dict[str, str]]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    reader = csv.reader(io.StringIO(response.text))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


@dataclass
class Data:
    cycle_id: str
    other_cycle_id: str
    unit_id: str
    owner: Actor
    peer: Actor
    agreed_id: str
    draft_id: str


@pytest.fixture
async def data(app: FastAPI, admin: Actor, make_actor: MakeActor) -> Data:
    root = await admin.client.post("/v1/org-units", json={"name": "Company"})
    unit_id = root.json()["id"]
    owner = await make_actor(unit_id=unit_id)
    peer = await make_actor(unit_id=unit_id)
    cycle = await make_cycle(admin.client, state="active")
    other = await make_cycle(admin.client, state="active")
    agreed = await seed_scored_objective(app, cycle_id=cycle["id"], owner_id=owner.id, title="Grow")
    draft = await seed_scored_objective(
        app, cycle_id=cycle["id"], owner_id=owner.id, state="draft", title="Secret"
    )
    await seed_scored_objective(
        app,
        cycle_id=cycle["id"],
        owner_type="unit",
        owner_id=unit_id,
        title="Company goal",
        key_results=[("100", "0.65")],
    )
    await seed_scored_objective(app, cycle_id=other["id"], owner_id=peer.id, title="Elsewhere")
    observed = datetime(2026, 1, 10, tzinfo=UTC)
    for kr_id in agreed.key_result_ids + draft.key_result_ids:
        await seed_check_in(app, kr_id, observed_at=observed, confidence=7, value="42.5")
    async with app.state.session_factory() as session, session.begin():
        session.add(ReviewRow(objective_id=agreed.id, flags=["too_easy", "reconsider"]))
    return Data(cycle["id"], other["id"], unit_id, owner, peer, agreed.id, draft.id)


class TestCsv:
    async def test_objectives_header_rows_and_joined_names(self, admin: Actor, data: Data) -> None:
        response = await admin.client.get("/v1/exports/objectives", params={"format": "csv"})

        header, rows = rows_of(response)
        assert header == OBJECTIVE_HEADER
        assert header == exports.columns(exports.ExportDataset.OBJECTIVES)
        assert len(rows) == 4
        by_title = {r["title"]: r for r in rows}
        assert by_title["Grow"]["owner_name"] == by_title["Secret"]["owner_name"] != ""
        assert (by_title["Company goal"]["owner_name"], by_title["Company goal"]["score"]) == (
            "Company",
            "0.650",
        )
        assert by_title["Grow"]["cycle_name"] == "Q1"
        assert response.headers["content-disposition"] == ('attachment; filename="objectives.csv"')

    @pytest.mark.parametrize(
        ("dataset", "count"),
        [
            ("objectives", 4),
            ("key-results", 7),
            ("check-ins", 4),
            ("people", 3),
            ("org-units", 1),
            ("reviews", 1),
        ],
    )
    async def test_row_counts_per_dataset(
        self, admin: Actor, data: Data, dataset: str, count: int
    ) -> None:
        header, rows = rows_of(await admin.client.get(f"/v1/exports/{dataset}"))

        assert header == exports.columns(exports.ExportDataset(dataset))
        assert len(rows) == count

    async def test_drafts_are_left_out_for_who_may_not_see_them(self, data: Data) -> None:
        as_peer = {
            name: rows_of(await data.peer.client.get(f"/v1/exports/{name}"))[1]
            for name in ("objectives", "key-results", "check-ins")
        }
        as_owner = rows_of(await data.owner.client.get("/v1/exports/objectives"))[1]

        assert [r["title"] for r in as_peer["objectives"] if r["title"] == "Secret"] == []
        assert len(as_peer["objectives"]) == 3
        assert len(as_peer["key-results"]) == 5
        assert len(as_peer["check-ins"]) == 2
        assert "Secret" in {r["title"] for r in as_owner}

    async def test_filters(self, admin: Actor, data: Data) -> None:
        in_cycle = await admin.client.get(
            "/v1/exports/key-results", params={"cycle_id": data.other_cycle_id}
        )
        future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        nothing_new = await admin.client.get(
            "/v1/exports/objectives", params={"updated_since": future}
        )
        past = await admin.client.get(
            "/v1/exports/people", params={"updated_since": "2000-01-01T00:00:00Z"}
        )

        assert [r["objective_title"] for r in rows_of(in_cycle)[1]] == ["Elsewhere"] * 2
        assert rows_of(nothing_new) == (OBJECTIVE_HEADER, [])
        assert len(rows_of(past)[1]) == 3

    async def test_key_results_carry_their_forecast(self, admin: Actor, data: Data) -> None:
        response = await admin.client.get(
            "/v1/exports/key-results", params={"cycle_id": data.cycle_id}
        )
        listed = await admin.client.get("/v1/key-results", params={"limit": 500})

        _, rows = rows_of(response)
        shown = {k["id"]: k["forecast"] for k in listed.json()["items"]}
        assert rows
        for row in rows:
            forecast = shown[row["id"]]
            assert row["forecast_method"] == forecast["method"]
            assert row["forecast_points"] == str(forecast["points_used"])
            assert row["forecast_band"] == (forecast["band"] or "")
            score = forecast["score"]
            assert row["forecast_score"] == ("" if score is None else f"{score:.2f}")

    async def test_reviews_list_their_flags(self, admin: Actor, data: Data) -> None:
        _, rows = rows_of(await admin.client.get("/v1/exports/reviews"))

        assert [(r["objective_id"], r["flags"], r["state"]) for r in rows] == [
            (data.agreed_id, "too_easy;reconsider", "draft")
        ]

    async def test_rows_are_read_in_chunks_in_creation_order(
        self, admin: Actor, data: Data, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        whole = rows_of(await admin.client.get("/v1/exports/key-results"))[1]
        monkeypatch.setattr(export_reads, "CHUNK", 2)

        chunked = rows_of(await admin.client.get("/v1/exports/key-results"))[1]

        assert [r["id"] for r in chunked] == [r["id"] for r in whole]
        assert len(chunked) == 7


class TestNdjson:
    async def test_one_json_object_per_line_with_numbers(self, admin: Actor, data: Data) -> None:
        response = await admin.client.get("/v1/exports/check-ins", params={"format": "ndjson"})

        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/x-ndjson")
        lines: list[dict[str, Any]] = [json.loads(line) for line in response.text.splitlines()]
        assert len(lines) == 4
        first = lines[0]
        assert list(first) == exports.columns(exports.ExportDataset.CHECK_INS)
        assert (first["value"], first["confidence"], first["cycle_name"]) == (42.5, 7, "Q1")
        assert first["observed_at"].startswith("2026-01-10T00:00:00")


class TestRefusals:
    async def test_unknown_dataset_format_or_cycle(self, admin: Actor, data: Data) -> None:
        dataset = await admin.client.get("/v1/exports/secrets")
        fmt = await admin.client.get("/v1/exports/people", params={"format": "xlsx"})
        cycle = await admin.client.get("/v1/exports/people", params={"cycle_id": "nope"})
        since = await admin.client.get("/v1/exports/people", params={"updated_since": "soon"})
        number = await admin.client.get("/v1/exports/people", params={"updated_since": "0.5"})
        naive = await admin.client.get(
            "/v1/exports/people", params={"updated_since": "2026-01-01T00:00:00"}
        )

        for response in (dataset, fmt, since, number, naive):
            assert_problem(response, 422, "request.invalid")
        assert_problem(cycle, 404, "cycle.not_found")

    async def test_anonymous_is_401(self, anonymous: httpx.AsyncClient) -> None:
        assert_problem(await anonymous.get("/v1/exports/people"), 401, "auth.unauthenticated")
