from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CheckInVoid")


@_attrs_define
class CheckInVoid:
    """Void a wrong check-in: it stays in the history, marked voided, and no longer counts.

    Attributes:
        reason (str): At most 4000 characters; no control characters but tab, line feed and carriage return.
    """

    reason: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        check_in_void = cls(
            reason=reason,
        )

        return check_in_void
