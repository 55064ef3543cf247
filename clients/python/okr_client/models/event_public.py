from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_public_data import EventPublicData


T = TypeVar("T", bound="EventPublic")


@_attrs_define
class EventPublic:
    """One write, in commit order.

    Attributes:
        cursor (str): Pass as `?after=` to read the events after this one.
        type_ (str): What happened, e.g. `cycle.activated`.
        entity (str):
        entity_id (str):
        data (EventPublicData):
        occurred_at (datetime.datetime):
    """

    cursor: str
    type_: str
    entity: str
    entity_id: str
    data: EventPublicData
    occurred_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        type_ = self.type_

        entity = self.entity

        entity_id = self.entity_id

        data = self.data.to_dict()

        occurred_at = self.occurred_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cursor": cursor,
                "type": type_,
                "entity": entity,
                "entity_id": entity_id,
                "data": data,
                "occurred_at": occurred_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_public_data import EventPublicData

        d = dict(src_dict)
        cursor = d.pop("cursor")

        type_ = d.pop("type")

        entity = d.pop("entity")

        entity_id = d.pop("entity_id")

        data = EventPublicData.from_dict(d.pop("data"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        event_public = cls(
            cursor=cursor,
            type_=type_,
            entity=entity,
            entity_id=entity_id,
            data=data,
            occurred_at=occurred_at,
        )

        event_public.additional_properties = d
        return event_public

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
