from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonUpdate")


@_attrs_define
class PersonUpdate:
    """Fields of a person to change (omit the others; `null` clears a link).

    Attributes:
        name (str | Unset): At most 200 characters, not blank, no control characters; stored without leading and
            trailing whitespace.
        email (str | Unset):
        unit_id (None | str | Unset):
        manager_id (None | str | Unset):
        role (Role | Unset): Organisation-wide role of a person.
        external_id (None | str | Unset):
        active (bool | Unset):
    """

    name: str | Unset = UNSET
    email: str | Unset = UNSET
    unit_id: None | str | Unset = UNSET
    manager_id: None | str | Unset = UNSET
    role: Role | Unset = UNSET
    external_id: None | str | Unset = UNSET
    active: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        email = self.email

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        else:
            unit_id = self.unit_id

        manager_id: None | str | Unset
        if isinstance(self.manager_id, Unset):
            manager_id = UNSET
        else:
            manager_id = self.manager_id

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        active = self.active

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id
        if manager_id is not UNSET:
            field_dict["manager_id"] = manager_id
        if role is not UNSET:
            field_dict["role"] = role
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if active is not UNSET:
            field_dict["active"] = active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        def _parse_unit_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit_id = _parse_unit_id(d.pop("unit_id", UNSET))

        def _parse_manager_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        manager_id = _parse_manager_id(d.pop("manager_id", UNSET))

        _role = d.pop("role", UNSET)
        role: Role | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = Role(_role)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        active = d.pop("active", UNSET)

        person_update = cls(
            name=name,
            email=email,
            unit_id=unit_id,
            manager_id=manager_id,
            role=role,
            external_id=external_id,
            active=active,
        )

        return person_update
