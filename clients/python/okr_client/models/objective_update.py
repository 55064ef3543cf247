from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ObjectiveUpdate")


@_attrs_define
class ObjectiveUpdate:
    """Fields of an objective to change (omit the others); frozen once it is agreed.

    Attributes:
        title (str | Unset): At most 200 characters, not blank, no control characters; stored without leading and
            trailing whitespace.
        description (str | Unset): At most 4000 characters; no control characters but tab, line feed and carriage
            return.
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        objective_update = cls(
            title=title,
            description=description,
        )

        return objective_update
