from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.cycle_kind import CycleKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CycleCreate")


@_attrs_define
class CycleCreate:
    """A new cycle, in planning. A quarter may sit in a year, a month in a quarter.

    Attributes:
        name (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        kind (CycleKind): Length of a cycle.
        starts_on (datetime.date):
        ends_on (datetime.date): After `starts_on`.
        parent_id (None | str | Unset):
        planning_deadline (datetime.date | None | Unset):
        review_deadline (datetime.date | None | Unset):
    """

    name: str
    kind: CycleKind
    starts_on: datetime.date
    ends_on: datetime.date
    parent_id: None | str | Unset = UNSET
    planning_deadline: datetime.date | None | Unset = UNSET
    review_deadline: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        planning_deadline: None | str | Unset
        if isinstance(self.planning_deadline, Unset):
            planning_deadline = UNSET
        elif isinstance(self.planning_deadline, datetime.date):
            planning_deadline = self.planning_deadline.isoformat()
        else:
            planning_deadline = self.planning_deadline

        review_deadline: None | str | Unset
        if isinstance(self.review_deadline, Unset):
            review_deadline = UNSET
        elif isinstance(self.review_deadline, datetime.date):
            review_deadline = self.review_deadline.isoformat()
        else:
            review_deadline = self.review_deadline

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
            }
        )
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if planning_deadline is not UNSET:
            field_dict["planning_deadline"] = planning_deadline
        if review_deadline is not UNSET:
            field_dict["review_deadline"] = review_deadline

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        kind = CycleKind(d.pop("kind"))

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_planning_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planning_deadline_type_0 = datetime.date.fromisoformat(data)

                return planning_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planning_deadline = _parse_planning_deadline(d.pop("planning_deadline", UNSET))

        def _parse_review_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_deadline = _parse_review_deadline(d.pop("review_deadline", UNSET))

        cycle_create = cls(
            name=name,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            parent_id=parent_id,
            planning_deadline=planning_deadline,
            review_deadline=review_deadline,
        )

        return cycle_create
