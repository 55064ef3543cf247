from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.owner_type import OwnerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="OwnerLoadOut")


@_attrs_define
class OwnerLoadOut:
    """Live (not cancelled) objectives of one owner against the policy.

    Attributes:
        owner_type (OwnerType): Who owns an objective: a person or an org unit.
        owner_id (str):
        owner_name (str):
        count (int):
        status (str): `ok`, `too_few` or `too_many` against the policy.
        owner_inactive (bool | Unset): The owner is a person who was deactivated (left). Default: False.
    """

    owner_type: OwnerType
    owner_id: str
    owner_name: str
    count: int
    status: str
    owner_inactive: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner_type = self.owner_type.value

        owner_id = self.owner_id

        owner_name = self.owner_name

        count = self.count

        status = self.status

        owner_inactive = self.owner_inactive

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "owner_type": owner_type,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "count": count,
                "status": status,
            }
        )
        if owner_inactive is not UNSET:
            field_dict["owner_inactive"] = owner_inactive

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        owner_type = OwnerType(d.pop("owner_type"))

        owner_id = d.pop("owner_id")

        owner_name = d.pop("owner_name")

        count = d.pop("count")

        status = d.pop("status")

        owner_inactive = d.pop("owner_inactive", UNSET)

        owner_load_out = cls(
            owner_type=owner_type,
            owner_id=owner_id,
            owner_name=owner_name,
            count=count,
            status=status,
            owner_inactive=owner_inactive,
        )

        owner_load_out.additional_properties = d
        return owner_load_out

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
