from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigestInitiative")


@_attrs_define
class DigestInitiative:
    """An initiative due next week.

    Attributes:
        id (str):
        key_result_id (str):
        title (str):
        assignee_id (None | str):
        state (str):
        due_on (datetime.date):
    """

    id: str
    key_result_id: str
    title: str
    assignee_id: None | str
    state: str
    due_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        key_result_id = self.key_result_id

        title = self.title

        assignee_id: None | str
        assignee_id = self.assignee_id

        state = self.state

        due_on = self.due_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "key_result_id": key_result_id,
                "title": title,
                "assignee_id": assignee_id,
                "state": state,
                "due_on": due_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        key_result_id = d.pop("key_result_id")

        title = d.pop("title")

        def _parse_assignee_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id"))

        state = d.pop("state")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        digest_initiative = cls(
            id=id,
            key_result_id=key_result_id,
            title=title,
            assignee_id=assignee_id,
            state=state,
            due_on=due_on,
        )

        digest_initiative.additional_properties = d
        return digest_initiative

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
