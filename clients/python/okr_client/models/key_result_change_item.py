from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_result_change_item_op import KeyResultChangeItemOp
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_result_changes import KeyResultChanges


T = TypeVar("T", bound="KeyResultChangeItem")


@_attrs_define
class KeyResultChangeItem:
    """One item of a request of several KRs: `modify` or `remove` a KR (`key_result_id`), or
    `add` one (`changes` holds its definition: `title`, `weight` and `due_on` at least).

        Attributes:
            op (KeyResultChangeItemOp):
            key_result_id (None | str | Unset):
            changes (KeyResultChanges | None | Unset):
    """

    op: KeyResultChangeItemOp
    key_result_id: None | str | Unset = UNSET
    changes: KeyResultChanges | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.key_result_changes import KeyResultChanges

        op = self.op.value

        key_result_id: None | str | Unset
        if isinstance(self.key_result_id, Unset):
            key_result_id = UNSET
        else:
            key_result_id = self.key_result_id

        changes: dict[str, Any] | None | Unset
        if isinstance(self.changes, Unset):
            changes = UNSET
        elif isinstance(self.changes, KeyResultChanges):
            changes = self.changes.to_dict()
        else:
            changes = self.changes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "op": op,
            }
        )
        if key_result_id is not UNSET:
            field_dict["key_result_id"] = key_result_id
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_changes import KeyResultChanges

        d = dict(src_dict)
        op = KeyResultChangeItemOp(d.pop("op"))

        def _parse_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key_result_id = _parse_key_result_id(d.pop("key_result_id", UNSET))

        def _parse_changes(data: object) -> KeyResultChanges | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                changes_type_0 = KeyResultChanges.from_dict(data)

                return changes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResultChanges | None | Unset, data)

        changes = _parse_changes(d.pop("changes", UNSET))

        key_result_change_item = cls(
            op=op,
            key_result_id=key_result_id,
            changes=changes,
        )

        return key_result_change_item
