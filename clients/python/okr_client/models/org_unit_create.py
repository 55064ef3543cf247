from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrgUnitCreate")


@_attrs_define
class OrgUnitCreate:
    """A new org unit; without ``parent_id`` it becomes the root (there is only one).

    Attributes:
        name (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        parent_id (None | str | Unset):
        head_id (None | str | Unset):
        external_id (None | str | Unset):
    """

    name: str
    parent_id: None | str | Unset = UNSET
    head_id: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        head_id: None | str | Unset
        if isinstance(self.head_id, Unset):
            head_id = UNSET
        else:
            head_id = self.head_id

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if head_id is not UNSET:
            field_dict["head_id"] = head_id
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_head_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        head_id = _parse_head_id(d.pop("head_id", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        org_unit_create = cls(
            name=name,
            parent_id=parent_id,
            head_id=head_id,
            external_id=external_id,
        )

        return org_unit_create
