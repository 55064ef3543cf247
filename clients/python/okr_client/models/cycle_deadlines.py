from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deadline_public import DeadlinePublic


T = TypeVar("T", bound="CycleDeadlines")


@_attrs_define
class CycleDeadlines:
    """The deadlines of a cycle in their order, as they stand on ``on``.

    Attributes:
        cycle_id (str):
        on (datetime.date):
        deadlines (list[DeadlinePublic]):
    """

    cycle_id: str
    on: datetime.date
    deadlines: list[DeadlinePublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycle_id = self.cycle_id

        on = self.on.isoformat()

        deadlines = []
        for deadlines_item_data in self.deadlines:
            deadlines_item = deadlines_item_data.to_dict()
            deadlines.append(deadlines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycle_id": cycle_id,
                "on": on,
                "deadlines": deadlines,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deadline_public import DeadlinePublic

        d = dict(src_dict)
        cycle_id = d.pop("cycle_id")

        on = datetime.date.fromisoformat(d.pop("on"))

        deadlines = []
        _deadlines = d.pop("deadlines")
        for deadlines_item_data in _deadlines:
            deadlines_item = DeadlinePublic.from_dict(deadlines_item_data)

            deadlines.append(deadlines_item)

        cycle_deadlines = cls(
            cycle_id=cycle_id,
            on=on,
            deadlines=deadlines,
        )

        cycle_deadlines.additional_properties = d
        return cycle_deadlines

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
