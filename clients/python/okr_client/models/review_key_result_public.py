from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReviewKeyResultPublic")


@_attrs_define
class ReviewKeyResultPublic:
    """One key result in a review: the computed score and the final one.

    Attributes:
        key_result_id (str):
        title (str):
        weight (float):
        computed_score (float):
        final_score (float):
        overridden (bool):
        override_reason (None | str):
        confirmed_score (float | None): The score the manager confirmed (null until confirmed).
        adjusted (bool): Whether the manager changed the owner's final score.
        adjustment_reason (None | str):
    """

    key_result_id: str
    title: str
    weight: float
    computed_score: float
    final_score: float
    overridden: bool
    override_reason: None | str
    confirmed_score: float | None
    adjusted: bool
    adjustment_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        title = self.title

        weight = self.weight

        computed_score = self.computed_score

        final_score = self.final_score

        overridden = self.overridden

        override_reason: None | str
        override_reason = self.override_reason

        confirmed_score: float | None
        confirmed_score = self.confirmed_score

        adjusted = self.adjusted

        adjustment_reason: None | str
        adjustment_reason = self.adjustment_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_result_id": key_result_id,
                "title": title,
                "weight": weight,
                "computed_score": computed_score,
                "final_score": final_score,
                "overridden": overridden,
                "override_reason": override_reason,
                "confirmed_score": confirmed_score,
                "adjusted": adjusted,
                "adjustment_reason": adjustment_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        title = d.pop("title")

        weight = d.pop("weight")

        computed_score = d.pop("computed_score")

        final_score = d.pop("final_score")

        overridden = d.pop("overridden")

        def _parse_override_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        override_reason = _parse_override_reason(d.pop("override_reason"))

        def _parse_confirmed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        confirmed_score = _parse_confirmed_score(d.pop("confirmed_score"))

        adjusted = d.pop("adjusted")

        def _parse_adjustment_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adjustment_reason = _parse_adjustment_reason(d.pop("adjustment_reason"))

        review_key_result_public = cls(
            key_result_id=key_result_id,
            title=title,
            weight=weight,
            computed_score=computed_score,
            final_score=final_score,
            overridden=overridden,
            override_reason=override_reason,
            confirmed_score=confirmed_score,
            adjusted=adjusted,
            adjustment_reason=adjustment_reason,
        )

        review_key_result_public.additional_properties = d
        return review_key_result_public

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
