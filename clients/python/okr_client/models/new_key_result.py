from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_result_kind import KeyResultKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewKeyResult")


@_attrs_define
class NewKeyResult:
    """The definition of a key result added by a change request.

    Attributes:
        title (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        weight (float):
        due_on (datetime.date):
        kind (KeyResultKind | Unset): How a key result measures progress.
        start_value (float | None | Unset):
        target_value (float | None | Unset):
    """

    title: str
    weight: float
    due_on: datetime.date
    kind: KeyResultKind | Unset = UNSET
    start_value: float | None | Unset = UNSET
    target_value: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        weight = self.weight

        due_on = self.due_on.isoformat()

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "weight": weight,
                "due_on": due_on,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if start_value is not UNSET:
            field_dict["start_value"] = start_value
        if target_value is not UNSET:
            field_dict["target_value"] = target_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        weight = d.pop("weight")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

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

        new_key_result = cls(
            title=title,
            weight=weight,
            due_on=due_on,
            kind=kind,
            start_value=start_value,
            target_value=target_value,
        )

        return new_key_result
