from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.key_result_changes import KeyResultChanges


T = TypeVar("T", bound="ChangeRequestCreate")


@_attrs_define
class ChangeRequestCreate:
    """A proposed change to one agreed key result of an annual cycle, with its reason.

    It is accepted only if the objective then passes the submission rules again (weights sum to
    100%, every KR measurable and due inside the cycle).

        Attributes:
            key_result_id (str):
            changes (KeyResultChanges): The definition fields to change (omit the others; at least one).
            reason (str): At most 4000 characters; no control characters but tab, line feed and carriage return.
    """

    key_result_id: str
    changes: KeyResultChanges
    reason: str

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        changes = self.changes.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_result_id": key_result_id,
                "changes": changes,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_changes import KeyResultChanges

        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        changes = KeyResultChanges.from_dict(d.pop("changes"))

        reason = d.pop("reason")

        change_request_create = cls(
            key_result_id=key_result_id,
            changes=changes,
            reason=reason,
        )

        return change_request_create
