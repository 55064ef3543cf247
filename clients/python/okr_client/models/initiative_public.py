from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.initiative_state import InitiativeState

T = TypeVar("T", bound="InitiativePublic")


@_attrs_define
class InitiativePublic:
    """A task derived from a key result and assigned to a person.

    Attributes:
        id (str):
        key_result_id (str):
        title (str):
        assignee_id (None | str):
        state (InitiativeState): Progress of an initiative (tracked, never scored).
        due_on (datetime.date | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    key_result_id: str
    title: str
    assignee_id: None | str
    state: InitiativeState
    due_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        key_result_id = self.key_result_id

        title = self.title

        assignee_id: None | str
        assignee_id = self.assignee_id

        state = self.state.value

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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
                "created_at": created_at,
                "updated_at": updated_at,
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

        state = InitiativeState(d.pop("state"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        initiative_public = cls(
            id=id,
            key_result_id=key_result_id,
            title=title,
            assignee_id=assignee_id,
            state=state,
            due_on=due_on,
            created_at=created_at,
            updated_at=updated_at,
        )

        initiative_public.additional_properties = d
        return initiative_public

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
