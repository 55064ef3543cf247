"""The batch item is validated as a plain dict (``CheckInItem``); it must keep exactly the
fields and rules of ``CheckInBatchItem``, which the OpenAPI document and single check-ins use."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from api.schemas.check_ins import CheckInBatchItem, CheckInItem

_DICT = TypeAdapter(CheckInItem)


def _rules(schema: Any) -> Any:
    """A JSON schema without titles, descriptions and defaults (a TypedDict has no defaults)."""
    if isinstance(schema, dict):
        return {
            k: _rules(v) for k, v in schema.items() if k not in {"title", "default", "description"}
        }
    if isinstance(schema, list):
        return [_rules(v) for v in schema]
    return schema


def test_the_dict_and_the_model_have_the_same_schema() -> None:
    assert _rules(_DICT.json_schema()) == _rules(CheckInBatchItem.model_json_schema())


@pytest.mark.parametrize(
    "item",
    [
        {"metric_key": "m", "value": 1},
        {"key_result_id": "k", "value": 1, "observed_at": "2026-01-01T00:00:00Z"},
        {"key_result_id": "k", "done": True, "source": "ci", "external_id": "x"},
        {"key_result_id": "k", "value": "1"},
        {"key_result_id": "k", "value": True},
        {"key_result_id": "k", "observed_at": "1700000000"},
        {"key_result_id": "k", "confidence": 11},
        {"key_result_id": "k", "source": "Not Valid"},
        {"key_result_id": "k", "unknown": 1},
        {"key_result_id": "", "external_id": ""},
        {"metric_key": "m", "value": 1.5, "note": "x" * 4001},
    ],
)
def test_the_dict_and_the_model_accept_and_refuse_alike(item: dict[str, Any]) -> None:
    def outcome(validate: Any) -> Any:
        try:
            validated = validate(item)
        except ValidationError as exc:
            return [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]
        return validated

    as_dict = outcome(_DICT.validate_python)
    as_model = outcome(CheckInBatchItem.model_validate)

    if isinstance(as_model, list):
        assert as_dict == as_model
    else:
        assert as_dict == as_model.model_dump(exclude_unset=True)
