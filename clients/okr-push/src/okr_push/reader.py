"""Reading metric rows from CSV or NDJSON: `metric_key,value,observed_at[,external_id]`."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TextIO

REQUIRED = ("metric_key", "value", "observed_at")


class RowError(ValueError):
    """A row that cannot be read; carries its 1-based line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One point to push."""

    metric_key: str
    value: Decimal
    observed_at: str
    external_id: str

    def as_item(self, *, source: str) -> dict[str, object]:
        """The batch item the API expects."""
        return {
            "metric_key": self.metric_key,
            "value": float(self.value)
            if self.value != self.value.to_integral()
            else int(self.value),
            "observed_at": self.observed_at,
            "source": source,
            "external_id": self.external_id,
        }


def derive_external_id(metric_key: str, value: Decimal, observed_at: str) -> str:
    """A stable id for a row without one, so that pushing the same file twice never duplicates."""
    digest = hashlib.sha256(f"{metric_key}\x1f{value.normalize()}\x1f{observed_at}".encode())
    return "row-" + digest.hexdigest()[:32]


def _row(line: int, record: dict[str, object]) -> MetricRow:
    missing = [name for name in REQUIRED if record.get(name) in (None, "")]
    if missing:
        raise RowError(line, "missing " + ", ".join(missing))
    raw_value = record["value"]
    if isinstance(raw_value, bool):
        raise RowError(line, "value must be a number")
    try:
        value = Decimal(str(raw_value))
    except InvalidOperation as exc:
        raise RowError(line, f"value {raw_value!r} is not a number") from exc
    if not value.is_finite():
        raise RowError(line, "value must be finite")
    metric_key = str(record["metric_key"]).strip()
    observed_at = str(record["observed_at"]).strip()
    external_id = str(record.get("external_id") or "").strip()
    return MetricRow(
        metric_key=metric_key,
        value=value,
        observed_at=observed_at,
        external_id=external_id or derive_external_id(metric_key, value, observed_at),
    )


def _csv_rows(stream: TextIO) -> Iterator[MetricRow]:
    reader = csv.DictReader(stream)
    header = reader.fieldnames or []
    absent = [name for name in REQUIRED if name not in header]
    if absent:
        raise RowError(1, "header lacks " + ", ".join(absent))
    for record in reader:
        yield _row(reader.line_num, dict(record))


def _ndjson_rows(stream: Iterable[str]) -> Iterator[MetricRow]:
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise RowError(line_number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise RowError(line_number, "each line must be a JSON object")
        yield _row(line_number, record)


def read_rows(stream: TextIO, *, fmt: str) -> Iterator[MetricRow]:
    """Rows of a CSV (with header) or NDJSON stream."""
    if fmt == "csv":
        return _csv_rows(stream)
    if fmt == "ndjson":
        return _ndjson_rows(stream)
    raise ValueError(f"unknown format {fmt!r}: use csv or ndjson")
