from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_result_kind import KeyResultKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyResultChanges")


@_attrs_define
class KeyResultChanges:
    """The definition fields to change (omit the others; at least one).

    Attributes:
        title (str | Unset): At most 200 characters, not blank, no control characters; stored without leading and
            trailing whitespace.
        kind (KeyResultKind | Unset): How a key result measures progress.
        start_value (float | None | Unset):
        target_value (float | None | Unset):
        weight (float | Unset):
        due_on (datetime.date | Unset):
    """

    title: str | Unset = UNSET
    kind: KeyResultKind | Unset = UNSET
    start_value: float | None | Unset = UNSET
    target_value: float | None | Unset = UNSET
    weight: float | Unset = UNSET
    due_on: datetime.date | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        start_value: float | None | Unset
        if isinstance(self.start_value, Unset):
            start_value = UNSET
        else:
            start_value = self.start_value

        target_value: float | None | Unset
        if isinstance(self.target_value, Unset):
            target_value = UNSET
        else:
            target_value = self.target_value

        weight = self.weight

        due_on: str | Unset = UNSET
        if not isinstance(self.due_on, Unset):
            due_on = self.due_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if kind is not UNSET:
            field_dict["kind"] = kind
        if start_value is not UNSET:
            field_dict["start_value"] = start_value
        if target_value is not UNSET:
            field_dict["target_value"] = target_value
        if weight is not UNSET:
            field_dict["weight"] = weight
        if due_on is not UNSET:
            field_dict["due_on"] = due_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: KeyResultKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = KeyResultKind(_kind)

        def _parse_start_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        start_value = _parse_start_value(d.pop("start_value", UNSET))

        def _parse_target_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        target_value = _parse_target_value(d.pop("target_value", UNSET))

        weight = d.pop("weight", UNSET)

        _due_on = d.pop("due_on", UNSET)
        due_on: datetime.date | Unset
        if isinstance(_due_on, Unset):
            due_on = UNSET
        else:
            due_on = datetime.date.fromisoformat(_due_on)

        key_result_changes = cls(
            title=title,
            kind=kind,
            start_value=start_value,
            target_value=target_value,
            weight=weight,
            due_on=due_on,
        )

        return key_result_changes
