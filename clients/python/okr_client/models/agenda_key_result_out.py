from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_result_kind import KeyResultKind

T = TypeVar("T", bound="AgendaKeyResultOut")


@_attrs_define
class AgendaKeyResultOut:
    """One KR: target, actual and deviation; computed, proposed, confirmed and final score.

    Attributes:
        key_result_id (str):
        title (str):
        kind (KeyResultKind): How a key result measures progress.
        weight (float):
        target_value (float | None):
        actual_value (float | None):
        deviation (float | None): `actual_value - target_value` in the KR's unit (numeric KRs only).
        computed_score (float):
        proposed_score (float | None): The owner's final score, if reviewed.
        confirmed_score (float | None): The manager's score, once confirmed.
        final_score (float): Confirmed, else proposed, else computed.
        gap (float): `1 - final_score`.
        override_reason (None | str):
        adjustment_reason (None | str):
    """

    key_result_id: str
    title: str
    kind: KeyResultKind
    weight: float
    target_value: float | None
    actual_value: float | None
    deviation: float | None
    computed_score: float
    proposed_score: float | None
    confirmed_score: float | None
    final_score: float
    gap: float
    override_reason: None | str
    adjustment_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        title = self.title

        kind = self.kind.value

        weight = self.weight

        target_value: float | None
        target_value = self.target_value

        actual_value: float | None
        actual_value = self.actual_value

        deviation: float | None
        deviation = self.deviation

        computed_score = self.computed_score

        proposed_score: float | None
        proposed_score = self.proposed_score

        confirmed_score: float | None
        confirmed_score = self.confirmed_score

        final_score = self.final_score

        gap = self.gap

        override_reason: None | str
        override_reason = self.override_reason

        adjustment_reason: None | str
        adjustment_reason = self.adjustment_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_result_id": key_result_id,
                "title": title,
                "kind": kind,
                "weight": weight,
                "target_value": target_value,
                "actual_value": actual_value,
                "deviation": deviation,
                "computed_score": computed_score,
                "proposed_score": proposed_score,
                "confirmed_score": confirmed_score,
                "final_score": final_score,
                "gap": gap,
                "override_reason": override_reason,
                "adjustment_reason": adjustment_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        title = d.pop("title")

        kind = KeyResultKind(d.pop("kind"))

        weight = d.pop("weight")

        def _parse_target_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        target_value = _parse_target_value(d.pop("target_value"))

        def _parse_actual_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        actual_value = _parse_actual_value(d.pop("actual_value"))

        def _parse_deviation(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        deviation = _parse_deviation(d.pop("deviation"))

        computed_score = d.pop("computed_score")

        def _parse_proposed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        proposed_score = _parse_proposed_score(d.pop("proposed_score"))

        def _parse_confirmed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        confirmed_score = _parse_confirmed_score(d.pop("confirmed_score"))

        final_score = d.pop("final_score")

        gap = d.pop("gap")

        def _parse_override_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        override_reason = _parse_override_reason(d.pop("override_reason"))

        def _parse_adjustment_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adjustment_reason = _parse_adjustment_reason(d.pop("adjustment_reason"))

        agenda_key_result_out = cls(
            key_result_id=key_result_id,
            title=title,
            kind=kind,
            weight=weight,
            target_value=target_value,
            actual_value=actual_value,
            deviation=deviation,
            computed_score=computed_score,
            proposed_score=proposed_score,
            confirmed_score=confirmed_score,
            final_score=final_score,
            gap=gap,
            override_reason=override_reason,
            adjustment_reason=adjustment_reason,
        )

        agenda_key_result_out.additional_properties = d
        return agenda_key_result_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
