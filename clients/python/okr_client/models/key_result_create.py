from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_result_kind import KeyResultKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyResultCreate")


@_attrs_define
class KeyResultCreate:
    """A new key result of a draft objective.

    ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
    afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
    system pushes values under: unique among the KRs of the objective's cycle (409
    ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.

        Attributes:
            title (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
                whitespace.
            weight (float):
            kind (KeyResultKind | Unset): How a key result measures progress.
            start_value (float | None | Unset):
            target_value (float | None | Unset):
            current_value (float | None | Unset):
            unit (None | str | Unset):
            due_on (datetime.date | None | Unset):
            metric_key (None | str | Unset):
            done (bool | Unset):  Default: False.
            confidence (int | None | Unset):
    """

    title: str
    weight: float
    kind: KeyResultKind | Unset = UNSET
    start_value: float | None | Unset = UNSET
    target_value: float | None | Unset = UNSET
    current_value: float | None | Unset = UNSET
    unit: None | str | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    metric_key: None | str | Unset = UNSET
    done: bool | Unset = False
    confidence: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        weight = self.weight

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        start_value: float | None | Unset
        if isinstance(self.start_value, Unset):
            start_value = UNSET
        else:
            start_value = self.start_value

        target_value: float | None | Unset
        if isinstance(self.target_value, Unset):
            target_value = UNSET
        else:
            target_value = self.target_value

        current_value: float | None | Unset
        if isinstance(self.current_value, Unset):
            current_value = UNSET
        else:
            current_value = self.current_value

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        metric_key: None | str | Unset
        if isinstance(self.metric_key, Unset):
            metric_key = UNSET
        else:
            metric_key = self.metric_key

        done = self.done

        confidence: int | None | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        else:
            confidence = self.confidence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "weight": weight,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if start_value is not UNSET:
            field_dict["start_value"] = start_value
        if target_value is not UNSET:
            field_dict["target_value"] = target_value
        if current_value is not UNSET:
            field_dict["current_value"] = current_value
        if unit is not UNSET:
            field_dict["unit"] = unit
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if metric_key is not UNSET:
            field_dict["metric_key"] = metric_key
        if done is not UNSET:
            field_dict["done"] = done
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        weight = d.pop("weight")

        _kind = d.pop("kind", UNSET)
        kind: KeyResultKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = KeyResultKind(_kind)

        def _parse_start_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        start_value = _parse_start_value(d.pop("start_value", UNSET))

        def _parse_target_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        target_value = _parse_target_value(d.pop("target_value", UNSET))

        def _parse_current_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        current_value = _parse_current_value(d.pop("current_value", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        def _parse_metric_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metric_key = _parse_metric_key(d.pop("metric_key", UNSET))

        done = d.pop("done", UNSET)

        def _parse_confidence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))

        key_result_create = cls(
            title=title,
            weight=weight,
            kind=kind,
            start_value=start_value,
            target_value=target_value,
            current_value=current_value,
            unit=unit,
            due_on=due_on,
            metric_key=metric_key,
            done=done,
            confidence=confidence,
        )

        return key_result_create
