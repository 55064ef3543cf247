from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.inbox_item_kind import InboxItemKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="InboxItem")


@_attrs_define
class InboxItem:
    """One thing the person owes, and by when (``due_on``: null when no deadline is set).

    Attributes:
        kind (InboxItemKind):
        due_on (datetime.date | None):
        overdue (bool):
        cycle_id (str):
        objective_id (str):
        title (str):
        key_result_id (None | str | Unset):
        change_request_id (None | str | Unset):
        initiative_id (None | str | Unset):
    """

    kind: InboxItemKind
    due_on: datetime.date | None
    overdue: bool
    cycle_id: str
    objective_id: str
    title: str
    key_result_id: None | str | Unset = UNSET
    change_request_id: None | str | Unset = UNSET
    initiative_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        overdue = self.overdue

        cycle_id = self.cycle_id

        objective_id = self.objective_id

        title = self.title

        key_result_id: None | str | Unset
        if isinstance(self.key_result_id, Unset):
            key_result_id = UNSET
        else:
            key_result_id = self.key_result_id

        change_request_id: None | str | Unset
        if isinstance(self.change_request_id, Unset):
            change_request_id = UNSET
        else:
            change_request_id = self.change_request_id

        initiative_id: None | str | Unset
        if isinstance(self.initiative_id, Unset):
            initiative_id = UNSET
        else:
            initiative_id = self.initiative_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "due_on": due_on,
                "overdue": overdue,
                "cycle_id": cycle_id,
                "objective_id": objective_id,
                "title": title,
            }
        )
        if key_result_id is not UNSET:
            field_dict["key_result_id"] = key_result_id
        if change_request_id is not UNSET:
            field_dict["change_request_id"] = change_request_id
        if initiative_id is not UNSET:
            field_dict["initiative_id"] = initiative_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = InboxItemKind(d.pop("kind"))

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

        overdue = d.pop("overdue")

        cycle_id = d.pop("cycle_id")

        objective_id = d.pop("objective_id")

        title = d.pop("title")

        def _parse_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key_result_id = _parse_key_result_id(d.pop("key_result_id", UNSET))

        def _parse_change_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        change_request_id = _parse_change_request_id(d.pop("change_request_id", UNSET))

        def _parse_initiative_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        initiative_id = _parse_initiative_id(d.pop("initiative_id", UNSET))

        inbox_item = cls(
            kind=kind,
            due_on=due_on,
            overdue=overdue,
            cycle_id=cycle_id,
            objective_id=objective_id,
            title=title,
            key_result_id=key_result_id,
            change_request_id=change_request_id,
            initiative_id=initiative_id,
        )

        inbox_item.additional_properties = d
        return inbox_item

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
