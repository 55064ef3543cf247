from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GraphEdge")


@_attrs_define
class GraphEdge:
    """Child objective -> parent objective (or one of its KRs).

    Attributes:
        id (str):
        child_objective_id (str):
        parent_objective_id (str):
        parent_key_result_id (None | str):
    """

    id: str
    child_objective_id: str
    parent_objective_id: str
    parent_key_result_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        child_objective_id = self.child_objective_id

        parent_objective_id = self.parent_objective_id

        parent_key_result_id: None | str
        parent_key_result_id = self.parent_key_result_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "child_objective_id": child_objective_id,
                "parent_objective_id": parent_objective_id,
                "parent_key_result_id": parent_key_result_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        child_objective_id = d.pop("child_objective_id")

        parent_objective_id = d.pop("parent_objective_id")

        def _parse_parent_key_result_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_key_result_id = _parse_parent_key_result_id(
            d.pop("parent_key_result_id")
        )

        graph_edge = cls(
            id=id,
            child_objective_id=child_objective_id,
            parent_objective_id=parent_objective_id,
            parent_key_result_id=parent_key_result_id,
        )

        graph_edge.additional_properties = d
        return graph_edge

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
