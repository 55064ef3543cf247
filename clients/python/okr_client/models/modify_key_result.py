from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.key_result_changes import KeyResultChanges


T = TypeVar("T", bound="ModifyKeyResult")


@_attrs_define
class ModifyKeyResult:
    """Change definition fields of one KR of the objective.

    Attributes:
        op (Literal['modify']):
        key_result_id (str):
        changes (KeyResultChanges): The definition fields to change (omit the others; at least one).
    """

    op: Literal["modify"]
    key_result_id: str
    changes: KeyResultChanges

    def to_dict(self) -> dict[str, Any]:
        op = self.op

        key_result_id = self.key_result_id

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "op": op,
                "key_result_id": key_result_id,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_changes import KeyResultChanges

        d = dict(src_dict)
        op = cast(Literal["modify"], d.pop("op"))
        if op != "modify":
            raise ValueError(f"op must match const 'modify', got '{op}'")

        key_result_id = d.pop("key_result_id")

        changes = KeyResultChanges.from_dict(d.pop("changes"))

        modify_key_result = cls(
            op=op,
            key_result_id=key_result_id,
            changes=changes,
        )

        return modify_key_result
