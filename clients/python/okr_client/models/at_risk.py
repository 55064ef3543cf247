from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.at_risk_reasons_item import AtRiskReasonsItem

T = TypeVar("T", bound="AtRisk")


@_attrs_define
class AtRisk:
    """A KR at risk, and why.

    Attributes:
        key_result_id (str):
        objective_id (str):
        owner_id (str):
        title (str):
        reasons (list[AtRiskReasonsItem]):
    """

    key_result_id: str
    objective_id: str
    owner_id: str
    title: str
    reasons: list[AtRiskReasonsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        objective_id = self.objective_id

        owner_id = self.owner_id

        title = self.title

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_result_id": key_result_id,
                "objective_id": objective_id,
                "owner_id": owner_id,
                "title": title,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        objective_id = d.pop("objective_id")

        owner_id = d.pop("owner_id")

        title = d.pop("title")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = AtRiskReasonsItem(reasons_item_data)

            reasons.append(reasons_item)

        at_risk = cls(
            key_result_id=key_result_id,
            objective_id=objective_id,
            owner_id=owner_id,
            title=title,
            reasons=reasons,
        )

        at_risk.additional_properties = d
        return at_risk

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
