from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplayRequest")


@_attrs_define
class ReplayRequest:
    """Send again every delivery after this feed position (`cursor` of an event).

    Attributes:
        after (str):
    """

    after: str

    def to_dict(self) -> dict[str, Any]:
        after = self.after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "after": after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        after = d.pop("after")

        replay_request = cls(
            after=after,
        )

        return replay_request
