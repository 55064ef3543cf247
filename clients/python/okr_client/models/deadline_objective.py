from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deadline_objective_waiting_on_type_0 import (
    DeadlineObjectiveWaitingOnType0,
)
from ..models.status import Status

if TYPE_CHECKING:
    from ..models.person_ref import PersonRef


T = TypeVar("T", bound="DeadlineObjective")


@_attrs_define
class DeadlineObjective:
    """One objective against one deadline.

    Attributes:
        objective_id (str):
        title (str):
        owner_type (str):
        owner_id (str):
        status (Status): How one objective stands against one deadline.
        done_at (datetime.datetime | None):
        waiting_on (DeadlineObjectiveWaitingOnType0 | None):
        waiting_on_people (list[PersonRef]):
    """

    objective_id: str
    title: str
    owner_type: str
    owner_id: str
    status: Status
    done_at: datetime.datetime | None
    waiting_on: DeadlineObjectiveWaitingOnType0 | None
    waiting_on_people: list[PersonRef]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objective_id = self.objective_id

        title = self.title

        owner_type = self.owner_type

        owner_id = self.owner_id

        status = self.status.value

        done_at: None | str
        if isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        waiting_on: None | str
        if isinstance(self.waiting_on, DeadlineObjectiveWaitingOnType0):
            waiting_on = self.waiting_on.value
        else:
            waiting_on = self.waiting_on

        waiting_on_people = []
        for waiting_on_people_item_data in self.waiting_on_people:
            waiting_on_people_item = waiting_on_people_item_data.to_dict()
            waiting_on_people.append(waiting_on_people_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objective_id": objective_id,
                "title": title,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "status": status,
                "done_at": done_at,
                "waiting_on": waiting_on,
                "waiting_on_people": waiting_on_people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.person_ref import PersonRef

        d = dict(src_dict)
        objective_id = d.pop("objective_id")

        title = d.pop("title")

        owner_type = d.pop("owner_type")

        owner_id = d.pop("owner_id")

        status = Status(d.pop("status"))

        def _parse_done_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)

                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        done_at = _parse_done_at(d.pop("done_at"))

        def _parse_waiting_on(data: object) -> DeadlineObjectiveWaitingOnType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                waiting_on_type_0 = DeadlineObjectiveWaitingOnType0(data)

                return waiting_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeadlineObjectiveWaitingOnType0 | None, data)

        waiting_on = _parse_waiting_on(d.pop("waiting_on"))

        waiting_on_people = []
        _waiting_on_people = d.pop("waiting_on_people")
        for waiting_on_people_item_data in _waiting_on_people:
            waiting_on_people_item = PersonRef.from_dict(waiting_on_people_item_data)

            waiting_on_people.append(waiting_on_people_item)

        deadline_objective = cls(
            objective_id=objective_id,
            title=title,
            owner_type=owner_type,
            owner_id=owner_id,
            status=status,
            done_at=done_at,
            waiting_on=waiting_on,
            waiting_on_people=waiting_on_people,
        )

        deadline_objective.additional_properties = d
        return deadline_objective

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
