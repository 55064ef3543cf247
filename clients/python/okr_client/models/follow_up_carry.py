from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FollowUpCarry")


@_attrs_define
class FollowUpCarry:
    """The key result, in the follow-up's cycle, that the follow-up becomes an initiative of.

    Attributes:
        key_result_id (str):
    """

    key_result_id: str

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_result_id": key_result_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        follow_up_carry = cls(
            key_result_id=key_result_id,
        )

        return follow_up_carry
