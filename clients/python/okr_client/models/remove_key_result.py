from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="RemoveKeyResult")


@_attrs_define
class RemoveKeyResult:
    """Remove one KR of the objective.

    Attributes:
        op (Literal['remove']):
        key_result_id (str):
    """

    op: Literal["remove"]
    key_result_id: str

    def to_dict(self) -> dict[str, Any]:
        op = self.op

        key_result_id = self.key_result_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "op": op,
                "key_result_id": key_result_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        op = cast(Literal["remove"], d.pop("op"))
        if op != "remove":
            raise ValueError(f"op must match const 'remove', got '{op}'")

        key_result_id = d.pop("key_result_id")

        remove_key_result = cls(
            op=op,
            key_result_id=key_result_id,
        )

        return remove_key_result
