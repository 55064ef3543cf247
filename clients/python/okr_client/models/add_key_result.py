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
    from ..models.new_key_result import NewKeyResult


T = TypeVar("T", bound="AddKeyResult")


@_attrs_define
class AddKeyResult:
    """Add a KR to the objective.

    Attributes:
        op (Literal['add']):
        changes (NewKeyResult): The definition of a key result added by a change request.
    """

    op: Literal["add"]
    changes: NewKeyResult

    def to_dict(self) -> dict[str, Any]:
        op = self.op

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "op": op,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.new_key_result import NewKeyResult

        d = dict(src_dict)
        op = cast(Literal["add"], d.pop("op"))
        if op != "add":
            raise ValueError(f"op must match const 'add', got '{op}'")

        changes = NewKeyResult.from_dict(d.pop("changes"))

        add_key_result = cls(
            op=op,
            changes=changes,
        )

        return add_key_result
