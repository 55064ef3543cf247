from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.initiative_state import InitiativeState
from ..types import UNSET, Unset

T = TypeVar("T", bound="InitiativeCreate")


@_attrs_define
class InitiativeCreate:
    """A new task derived from a key result (tracked, never scored).

    Attributes:
        title (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        assignee_id (None | str | Unset):
        state (InitiativeState | Unset): Progress of an initiative (tracked, never scored).
        due_on (datetime.date | None | Unset):
    """

    title: str
    assignee_id: None | str | Unset = UNSET
    state: InitiativeState | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        assignee_id: None | str | Unset
        if isinstance(self.assignee_id, Unset):
            assignee_id = UNSET
        else:
            assignee_id = self.assignee_id

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if state is not UNSET:
            field_dict["state"] = state
        if due_on is not UNSET:
            field_dict["due_on"] = due_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        def _parse_assignee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id", UNSET))

        _state = d.pop("state", UNSET)
        state: InitiativeState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = InitiativeState(_state)

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        initiative_create = cls(
            title=title,
            assignee_id=assignee_id,
            state=state,
            due_on=due_on,
        )

        return initiative_create
