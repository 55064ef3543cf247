from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConfidencePointOut")


@_attrs_define
class ConfidencePointOut:
    """Mean stated confidence in one week (its Monday).

    Attributes:
        week (datetime.date):
        key_results (int):
        mean_confidence (float):
    """

    week: datetime.date
    key_results: int
    mean_confidence: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        week = self.week.isoformat()

        key_results = self.key_results

        mean_confidence = self.mean_confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "key_results": key_results,
                "mean_confidence": mean_confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        week = datetime.date.fromisoformat(d.pop("week"))

        key_results = d.pop("key_results")

        mean_confidence = d.pop("mean_confidence")

        confidence_point_out = cls(
            week=week,
            key_results=key_results,
            mean_confidence=mean_confidence,
        )

        confidence_point_out.additional_properties = d
        return confidence_point_out

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
