from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deadline_kind import DeadlineKind

if TYPE_CHECKING:
    from ..models.deadline_objective import DeadlineObjective


T = TypeVar("T", bound="DeadlinePublic")


@_attrs_define
class DeadlinePublic:
    """One deadline of a cycle, with who met it on time, who is late and who is still to act.

    Attributes:
        deadline (DeadlineKind): The deadlines of a cycle, in their order.
        due_on (datetime.date):
        passed (bool):
        on_time (list[DeadlineObjective]):
        late (list[DeadlineObjective]):
        pending (list[DeadlineObjective]):
    """

    deadline: DeadlineKind
    due_on: datetime.date
    passed: bool
    on_time: list[DeadlineObjective]
    late: list[DeadlineObjective]
    pending: list[DeadlineObjective]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deadline = self.deadline.value

        due_on = self.due_on.isoformat()

        passed = self.passed

        on_time = []
        for on_time_item_data in self.on_time:
            on_time_item = on_time_item_data.to_dict()
            on_time.append(on_time_item)

        late = []
        for late_item_data in self.late:
            late_item = late_item_data.to_dict()
            late.append(late_item)

        pending = []
        for pending_item_data in self.pending:
            pending_item = pending_item_data.to_dict()
            pending.append(pending_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deadline": deadline,
                "due_on": due_on,
                "passed": passed,
                "on_time": on_time,
                "late": late,
                "pending": pending,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deadline_objective import DeadlineObjective

        d = dict(src_dict)
        deadline = DeadlineKind(d.pop("deadline"))

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        passed = d.pop("passed")

        on_time = []
        _on_time = d.pop("on_time")
        for on_time_item_data in _on_time:
            on_time_item = DeadlineObjective.from_dict(on_time_item_data)

            on_time.append(on_time_item)

        late = []
        _late = d.pop("late")
        for late_item_data in _late:
            late_item = DeadlineObjective.from_dict(late_item_data)

            late.append(late_item)

        pending = []
        _pending = d.pop("pending")
        for pending_item_data in _pending:
            pending_item = DeadlineObjective.from_dict(pending_item_data)

            pending.append(pending_item)

        deadline_public = cls(
            deadline=deadline,
            due_on=due_on,
            passed=passed,
            on_time=on_time,
            late=late,
            pending=pending,
        )

        deadline_public.additional_properties = d
        return deadline_public

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
