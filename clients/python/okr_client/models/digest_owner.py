from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digest_objective import DigestObjective


T = TypeVar("T", bound="DigestOwner")


@_attrs_define
class DigestOwner:
    """A member of the unit (or the unit itself) and their objectives.

    Attributes:
        owner_type (str):
        owner_id (str):
        name (str):
        objectives (list[DigestObjective]):
    """

    owner_type: str
    owner_id: str
    name: str
    objectives: list[DigestObjective]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner_type = self.owner_type

        owner_id = self.owner_id

        name = self.name

        objectives = []
        for objectives_item_data in self.objectives:
            objectives_item = objectives_item_data.to_dict()
            objectives.append(objectives_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "owner_type": owner_type,
                "owner_id": owner_id,
                "name": name,
                "objectives": objectives,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.digest_objective import DigestObjective

        d = dict(src_dict)
        owner_type = d.pop("owner_type")

        owner_id = d.pop("owner_id")

        name = d.pop("name")

        objectives = []
        _objectives = d.pop("objectives")
        for objectives_item_data in _objectives:
            objectives_item = DigestObjective.from_dict(objectives_item_data)

            objectives.append(objectives_item)

        digest_owner = cls(
            owner_type=owner_type,
            owner_id=owner_id,
            name=name,
            objectives=objectives,
        )

        digest_owner.additional_properties = d
        return digest_owner

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
