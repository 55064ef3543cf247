"""The ``check_in.created`` payloads built as plain dicts equal ``CheckInPublic`` dumped as JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from api.schemas.check_ins import CheckInPublic
from api.services.check_ins import event_payloads

_OBSERVED = datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
_RECEIVED = datetime(2026, 3, 1, 10, 31, 5, 123456, tzinfo=UTC)


def _row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "c1",
        "created_at": _RECEIVED,
        "updated_at": _RECEIVED,
        "key_result_id": "k1",
        "value": Decimal("12.5"),
        "done": None,
        "confidence": 7,
        "note": "on track \u00e9",
        "observed_at": _OBSERVED,
        "received_at": _RECEIVED,
        "source": "manual",
        "external_id": "x-1",
        "author_id": "p1",
    }
    return row | changes


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"value": Decimal("40")},
        {"value": Decimal("-0.000001")},
        {"value": Decimal("123456789012345.123456")},
        {"value": None, "done": True, "confidence": None, "note": None},
        {"external_id": None, "author_id": None, "observed_at": _RECEIVED},
        {"received_at": datetime(2026, 3, 1, tzinfo=UTC)},
    ],
)
def test_payload_equals_public_dump(changes: dict[str, Any]) -> None:
    row = _row(**changes)
    expected = CheckInPublic.model_validate(row).model_dump(mode="json")
    (payload,) = event_payloads([row])
    assert payload == expected
    assert list(payload) == list(expected)
    assert [type(v) for v in payload.values()] == [type(v) for v in expected.values()]
