from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FollowUpOut")


@_attrs_define
class FollowUpOut:
    """An open follow-up action of an earlier review, carried into this cycle.

    Attributes:
        id (str):
        title (str):
        owner_id (str):
        owner_name (str):
        due_on (datetime.date | None):
        objective_id (str): The reviewed objective it follows up.
        review_id (str):
    """

    id: str
    title: str
    owner_id: str
    owner_name: str
    due_on: datetime.date | None
    objective_id: str
    review_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        owner_id = self.owner_id

        owner_name = self.owner_name

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        objective_id = self.objective_id

        review_id = self.review_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "due_on": due_on,
                "objective_id": objective_id,
                "review_id": review_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        owner_id = d.pop("owner_id")

        owner_name = d.pop("owner_name")

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        objective_id = d.pop("objective_id")

        review_id = d.pop("review_id")

        follow_up_out = cls(
            id=id,
            title=title,
            owner_id=owner_id,
            owner_name=owner_name,
            due_on=due_on,
            objective_id=objective_id,
            review_id=review_id,
        )

        follow_up_out.additional_properties = d
        return follow_up_out

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
