from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.inbox_item import InboxItem


T = TypeVar("T", bound="Inbox")


@_attrs_define
class Inbox:
    """What a person owes, soonest first (items without a date last).

    Attributes:
        person_id (str):
        on (datetime.date):
        items (list[InboxItem]):
    """

    person_id: str
    on: datetime.date
    items: list[InboxItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        on = self.on.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "person_id": person_id,
                "on": on,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.inbox_item import InboxItem

        d = dict(src_dict)
        person_id = d.pop("person_id")

        on = datetime.date.fromisoformat(d.pop("on"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = InboxItem.from_dict(items_item_data)

            items.append(items_item)

        inbox = cls(
            person_id=person_id,
            on=on,
            items=items,
        )

        inbox.additional_properties = d
        return inbox

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
