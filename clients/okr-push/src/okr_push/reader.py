"""Reading metric rows from CSV or NDJSON: `metric_key,value,observed_at[,external_id]`.

A row that cannot be read is refused alone, named by its line in the file; the other rows stay
good. A column (or NDJSON field) that is none of the known ones is an error of the whole file:
a misspelt `external_id` would otherwise pass silently and every re-run would duplicate.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TextIO

REQUIRED = ("metric_key", "value", "observed_at")
OPTIONAL = ("external_id",)
COLUMNS = REQUIRED + OPTIONAL


class RowError(ValueError):
    """A row that cannot be read; carries its 1-based line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class FileError(ValueError):
    """The file as a whole cannot be read (no header, unknown columns)."""


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One point to push, and the line of the file it came from."""

    metric_key: str
    value: Decimal
    observed_at: str
    external_id: str
    line: int = 0

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


@dataclass(slots=True)
class Reading:
    """What a file held: the good rows, and every refused line with its reason."""

    rows: list[MetricRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def derive_external_id(metric_key: str, value: Decimal, observed_at: str) -> str:
    """A stable id for a row without one, so that pushing the same file twice never duplicates."""
    digest = hashlib.sha256(f"{metric_key}\x1f{value.normalize()}\x1f{observed_at}".encode())
    return "row-" + digest.hexdigest()[:32]


def _unknown(names: Iterable[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _row(line: int, record: dict[str, object]) -> MetricRow:
    problems: list[str] = []
    missing = [name for name in REQUIRED if record.get(name) in (None, "")]
    if missing:
        problems.append("missing " + ", ".join(missing))
    for name in ("metric_key", "observed_at", "external_id"):
        if record.get(name) is not None and not isinstance(record[name], str):
            problems.append(f"{name} must be text")
    raw_value = record.get("value")
    value = Decimal(0)
    if isinstance(raw_value, bool):
        problems.append("value must be a number")
    elif raw_value not in (None, ""):
        try:
            value = Decimal(str(raw_value).strip())
        except InvalidOperation:
            problems.append(f"value {raw_value!r} is not a number")
        else:
            if not value.is_finite():
                problems.append(f"value {raw_value!r} is not a finite number")
    if problems:
        raise RowError(line, "; ".join(problems))
    metric_key = str(record["metric_key"]).strip()
    observed_at = str(record["observed_at"]).strip()
    external_id = str(record.get("external_id") or "").strip()
    return MetricRow(
        metric_key=metric_key,
        value=value,
        observed_at=observed_at,
        external_id=external_id or derive_external_id(metric_key, value, observed_at),
        line=line,
    )


def _collect(reading: Reading, line: int, record: dict[str, object]) -> None:
    try:
        reading.rows.append(_row(line, record))
    except RowError as error:
        reading.errors.append(error)


def _csv_rows(stream: TextIO) -> Reading:
    reader = csv.DictReader(stream, restkey="\0extra")
    header = reader.fieldnames or []
    if not header:
        raise FileError("line 1: the file is empty; it needs a header " + ",".join(REQUIRED))
    absent = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    problems = []
    if unknown:
        problems.append(
            f"unknown columns {_unknown(unknown)} (the columns are {', '.join(COLUMNS)})"
        )
    if absent:
        problems.append("header lacks " + ", ".join(absent))
    if problems:
        raise FileError("line 1: " + "; ".join(problems))
    reading = Reading()
    for record in reader:
        if "\0extra" in record:
            extra = len(record["\0extra"])
            reading.errors.append(
                RowError(reader.line_num, f"{extra} more values than the header has columns")
            )
            continue
        if all(v in (None, "") for v in record.values()):
            continue  # a blank line
        _collect(reading, reader.line_num, dict(record))
    return reading


def _ndjson_rows(stream: Iterable[str]) -> Reading:
    reading = Reading()
    unknown: dict[str, int] = {}
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            reading.errors.append(RowError(line_number, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            reading.errors.append(RowError(line_number, "each line must be a JSON object"))
            continue
        for name in record:
            if name not in COLUMNS:
                unknown.setdefault(name, line_number)
        _collect(reading, line_number, record)
    if unknown:
        named = ", ".join(f"{name!r} (line {line})" for name, line in unknown.items())
        raise FileError(f"unknown fields {named} (the fields are {', '.join(COLUMNS)})")
    return reading


def read_rows(stream: TextIO, *, fmt: str) -> Reading:
    """Every row of a CSV (with header) or NDJSON stream: the good ones and the refused lines.

    Raises ``FileError`` when the file as a whole is unusable (no header, unknown columns).
    """
    if fmt == "csv":
        return _csv_rows(stream)
    if fmt == "ndjson":
        return _ndjson_rows(stream)
    raise ValueError(f"unknown format {fmt!r}: use csv or ndjson")
