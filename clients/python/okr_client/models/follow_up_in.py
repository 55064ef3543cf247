from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FollowUpIn")


@_attrs_define
class FollowUpIn:
    """A follow-up action (复盘后的后续措施): carried into a later cycle as an initiative.

    Attributes:
        title (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        owner_id (str):
        carry_to_cycle_id (str):
        due_on (datetime.date | None | Unset):
    """

    title: str
    owner_id: str
    carry_to_cycle_id: str
    due_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        owner_id = self.owner_id

        carry_to_cycle_id = self.carry_to_cycle_id

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
                "owner_id": owner_id,
                "carry_to_cycle_id": carry_to_cycle_id,
            }
        )
        if due_on is not UNSET:
            field_dict["due_on"] = due_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        owner_id = d.pop("owner_id")

        carry_to_cycle_id = d.pop("carry_to_cycle_id")

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

        follow_up_in = cls(
            title=title,
            owner_id=owner_id,
            carry_to_cycle_id=carry_to_cycle_id,
            due_on=due_on,
        )

        return follow_up_in
