from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.origin import Origin
from ..models.owner_type import OwnerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ObjectiveCreate")


@_attrs_define
class ObjectiveCreate:
    """A new draft objective of a person or an org unit.

    `origin` defaults to `bottom_up` when the caller owns the objective (a unit's: its head) and
    to `top_down` when someone above creates it for the owner; a contradicting value is refused.

        Attributes:
            cycle_id (str):
            owner_type (OwnerType): Who owns an objective: a person or an org unit.
            owner_id (str):
            title (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
                whitespace.
            description (str | Unset): At most 4000 characters; no control characters but tab, line feed and carriage
                return. Default: ''.
            origin (None | Origin | Unset):
    """

    cycle_id: str
    owner_type: OwnerType
    owner_id: str
    title: str
    description: str | Unset = ""
    origin: None | Origin | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cycle_id = self.cycle_id

        owner_type = self.owner_type.value

        owner_id = self.owner_id

        title = self.title

        description = self.description

        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        elif isinstance(self.origin, Origin):
            origin = self.origin.value
        else:
            origin = self.origin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cycle_id": cycle_id,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if origin is not UNSET:
            field_dict["origin"] = origin

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cycle_id = d.pop("cycle_id")

        owner_type = OwnerType(d.pop("owner_type"))

        owner_id = d.pop("owner_id")

        title = d.pop("title")

        description = d.pop("description", UNSET)

        def _parse_origin(data: object) -> None | Origin | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                origin_type_0 = Origin(data)

                return origin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Origin | Unset, data)

        origin = _parse_origin(d.pop("origin", UNSET))

        objective_create = cls(
            cycle_id=cycle_id,
            owner_type=owner_type,
            owner_id=owner_id,
            title=title,
            description=description,
            origin=origin,
        )

        return objective_create
