from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digest_key_result import DigestKeyResult


T = TypeVar("T", bound="DigestObjective")


@_attrs_define
class DigestObjective:
    """An agreed objective of a member (or of the unit) with its KRs.

    Attributes:
        objective_id (str):
        title (str):
        cycle_id (str):
        key_results (list[DigestKeyResult]):
    """

    objective_id: str
    title: str
    cycle_id: str
    key_results: list[DigestKeyResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objective_id = self.objective_id

        title = self.title

        cycle_id = self.cycle_id

        key_results = []
        for key_results_item_data in self.key_results:
            key_results_item = key_results_item_data.to_dict()
            key_results.append(key_results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objective_id": objective_id,
                "title": title,
                "cycle_id": cycle_id,
                "key_results": key_results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.digest_key_result import DigestKeyResult

        d = dict(src_dict)
        objective_id = d.pop("objective_id")

        title = d.pop("title")

        cycle_id = d.pop("cycle_id")

        key_results = []
        _key_results = d.pop("key_results")
        for key_results_item_data in _key_results:
            key_results_item = DigestKeyResult.from_dict(key_results_item_data)

            key_results.append(key_results_item)

        digest_objective = cls(
            objective_id=objective_id,
            title=title,
            cycle_id=cycle_id,
            key_results=key_results,
        )

        digest_objective.additional_properties = d
        return digest_objective

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
