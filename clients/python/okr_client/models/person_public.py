from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="PersonPublic")


@_attrs_define
class PersonPublic:
    """A member of the organisation.

    Attributes:
        id (str):
        name (str):
        email (str):
        unit_id (None | str):
        manager_id (None | str):
        role (Role): Organisation-wide role of a person.
        external_id (None | str):
        active (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    name: str
    email: str
    unit_id: None | str
    manager_id: None | str
    role: Role
    external_id: None | str
    active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        unit_id: None | str
        unit_id = self.unit_id

        manager_id: None | str
        manager_id = self.manager_id

        role = self.role.value

        external_id: None | str
        external_id = self.external_id

        active = self.active

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
                "unit_id": unit_id,
                "manager_id": manager_id,
                "role": role,
                "external_id": external_id,
                "active": active,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        email = d.pop("email")

        def _parse_unit_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit_id = _parse_unit_id(d.pop("unit_id"))

        def _parse_manager_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        manager_id = _parse_manager_id(d.pop("manager_id"))

        role = Role(d.pop("role"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        person_public = cls(
            id=id,
            name=name,
            email=email,
            unit_id=unit_id,
            manager_id=manager_id,
            role=role,
            external_id=external_id,
            active=active,
            created_at=created_at,
            updated_at=updated_at,
        )

        person_public.additional_properties = d
        return person_public

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
