"""``GET /v1/exports/{dataset}?format=parquet``: read back with pyarrow, equal to the NDJSON export.

Every dataset is read back with ``pyarrow.parquet`` and compared cell by cell with the NDJSON
export of the same rows (decimals exactly, instants and dates as values); the schema is the
dataset's fixed one; row groups stream (several in one file when the groups are small); the
visibility rule and the filters are those of CSV; without pyarrow the answer is a 406 problem.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from api.services import parquet
from api.services.exports import ExportDataset, columns
from tests.api import test_exports
from tests.api.test_exports import Data
from tests.conftest import Actor
from tests.support.problems import assert_problem

DATASETS = [d.value for d in ExportDataset]
data = test_exports.data
"""The exports' world (the fixture of ``tests.api.test_exports``)."""


async def _parquet(client: Any, dataset: str, **params: str) -> pa.Table:
    response = await client.get(f"/v1/exports/{dataset}", params={"format": "parquet", **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    assert response.headers["content-disposition"] == (f'attachment; filename="{dataset}.parquet"')
    table: pa.Table = pq.read_table(io.BytesIO(response.content))
    return table


async def _ndjson(client: Any, dataset: str, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/exports/{dataset}", params={"format": "ndjson", **params})
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines()]


def _same(parquet_value: Any, json_value: Any) -> bool:
    """Whether a Parquet cell and the NDJSON cell of the same row and column agree."""
    if parquet_value is None or json_value is None:
        return parquet_value is None and json_value is None
    if isinstance(parquet_value, Decimal):
        return parquet_value == Decimal(str(json_value))
    if isinstance(parquet_value, datetime):
        return parquet_value == datetime.fromisoformat(json_value)
    if isinstance(parquet_value, date):
        return parquet_value == date.fromisoformat(json_value)
    return bool(parquet_value == json_value)


class TestRoundTrip:
    @pytest.mark.parametrize("dataset", DATASETS)
    async def test_every_dataset_reads_back_equal_to_its_ndjson_export(
        self, admin: Actor, data: Data, dataset: str
    ) -> None:
        table = await _parquet(admin.client, dataset)
        lines = await _ndjson(admin.client, dataset)

        assert table.schema.names == columns(ExportDataset(dataset))
        assert table.schema == parquet.schema(ExportDataset(dataset))
        rows = table.to_pylist()
        assert len(rows) == len(lines) > 0
        differences = [
            (row["id"], name, row[name], line[name])
            for row, line in zip(rows, lines, strict=True)
            for name in table.schema.names
            if not _same(row[name], line[name])
        ]
        assert differences == []

    async def test_the_schema_holds_exact_decimals_dates_and_utc_instants(
        self, admin: Actor, data: Data
    ) -> None:
        table = await _parquet(admin.client, "key-results")
        fields = {f.name: f.type for f in table.schema}

        assert fields["target_value"] == pa.decimal128(21, 6)
        assert fields["weight"] == pa.decimal128(5, 2)
        assert fields["score"] == pa.decimal128(3, 2)
        assert fields["due_on"] == pa.date32()
        assert fields["created_at"] == pa.timestamp("us", tz="UTC")
        assert fields["done"] == pa.bool_()
        assert fields["confidence"] == pa.int64()
        assert fields["title"] == pa.string()
        assert Decimal("0.65") in table.column("score").to_pylist()

    async def test_check_in_values_are_exact(self, admin: Actor, data: Data) -> None:
        table = await _parquet(admin.client, "check-ins")

        assert {r["value"] for r in table.to_pylist()} == {Decimal("42.500000")}

    async def test_review_flags_are_a_list(self, admin: Actor, data: Data) -> None:
        table = await _parquet(admin.client, "reviews")

        assert table.schema.field("flags").type == pa.list_(pa.string())
        assert [r["flags"] for r in table.to_pylist()] == [["too_easy", "reconsider"]]

    async def test_an_empty_export_is_a_file_with_the_schema(
        self, admin: Actor, data: Data
    ) -> None:
        table = await _parquet(admin.client, "objectives", updated_since="9999-01-01T00:00:00Z")

        assert table.num_rows == 0
        assert table.schema == parquet.schema(ExportDataset.OBJECTIVES)

    async def test_rows_stream_in_row_groups(
        self, admin: Actor, data: Data, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        whole = await _parquet(admin.client, "key-results")
        monkeypatch.setattr(parquet, "ROW_GROUP", 2)
        monkeypatch.setattr("persistence.exports.CHUNK", 2)

        response = await admin.client.get("/v1/exports/key-results", params={"format": "parquet"})

        grouped = pq.ParquetFile(io.BytesIO(response.content))
        assert grouped.metadata.num_row_groups == 4
        assert grouped.read().to_pylist() == whole.to_pylist()


class TestVisibilityAndFilters:
    async def test_drafts_are_left_out_for_who_may_not_see_them(self, data: Data) -> None:
        as_peer = await _parquet(data.peer.client, "objectives")
        as_owner = await _parquet(data.owner.client, "objectives")

        assert "Secret" not in as_peer.column("title").to_pylist()
        assert as_peer.num_rows == 3
        assert "Secret" in as_owner.column("title").to_pylist()
        assert (await _parquet(data.peer.client, "check-ins")).num_rows == 2

    async def test_the_cycle_filter(self, admin: Actor, data: Data) -> None:
        table = await _parquet(admin.client, "key-results", cycle_id=data.other_cycle_id)

        assert table.column("objective_title").to_pylist() == ["Elsewhere"] * 2


class TestWithoutPyarrow:
    async def test_parquet_is_a_406_problem_and_the_other_formats_still_work(
        self, admin: Actor, data: Data, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pyarrow", None)  # any import of it now fails
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)

        refused = await admin.client.get("/v1/exports/people", params={"format": "parquet"})
        csv = await admin.client.get("/v1/exports/people", params={"format": "csv"})

        assert not parquet.available()
        problem = assert_problem(refused, 406, "export.parquet_unavailable")
        assert "pyarrow" in str(problem["detail"])
        assert csv.status_code == 200
