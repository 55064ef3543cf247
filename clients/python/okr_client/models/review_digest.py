from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agenda_item_out import AgendaItemOut
    from ..models.agenda_summary_out import AgendaSummaryOut


T = TypeVar("T", bound="ReviewDigest")


@_attrs_define
class ReviewDigest:
    """The review meeting's agenda for one unit (its subtree and their people) and cycle.

    Attributes:
        unit_id (str):
        unit_name (str):
        cycle_id (str):
        cycle_name (str):
        starts_on (datetime.date):
        ends_on (datetime.date):
        summary (AgendaSummaryOut): The figures of the agenda.
        items (list[AgendaItemOut]):
    """

    unit_id: str
    unit_name: str
    cycle_id: str
    cycle_name: str
    starts_on: datetime.date
    ends_on: datetime.date
    summary: AgendaSummaryOut
    items: list[AgendaItemOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unit_id = self.unit_id

        unit_name = self.unit_name

        cycle_id = self.cycle_id

        cycle_name = self.cycle_name

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        summary = self.summary.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unit_id": unit_id,
                "unit_name": unit_name,
                "cycle_id": cycle_id,
                "cycle_name": cycle_name,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "summary": summary,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agenda_item_out import AgendaItemOut
        from ..models.agenda_summary_out import AgendaSummaryOut

        d = dict(src_dict)
        unit_id = d.pop("unit_id")

        unit_name = d.pop("unit_name")

        cycle_id = d.pop("cycle_id")

        cycle_name = d.pop("cycle_name")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        summary = AgendaSummaryOut.from_dict(d.pop("summary"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = AgendaItemOut.from_dict(items_item_data)

            items.append(items_item)

        review_digest = cls(
            unit_id=unit_id,
            unit_name=unit_name,
            cycle_id=cycle_id,
            cycle_name=cycle_name,
            starts_on=starts_on,
            ends_on=ends_on,
            summary=summary,
            items=items,
        )

        review_digest.additional_properties = d
        return review_digest

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
