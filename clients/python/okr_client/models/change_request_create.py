from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_result_change_item import KeyResultChangeItem
    from ..models.key_result_changes import KeyResultChanges


T = TypeVar("T", bound="ChangeRequestCreate")


@_attrs_define
class ChangeRequestCreate:
    """A proposed change to an agreed objective of an annual cycle, with its reason: either one
    KR (`key_result_id` and `changes`) or several at once (`objective_id` and `items`).

    It is accepted only if the objective then passes the submission rules again (weights sum to
    100%, KR count within policy, every KR measurable and due inside the cycle).

        Attributes:
            reason (str): At most 4000 characters; no control characters but tab, line feed and carriage return.
            key_result_id (None | str | Unset):
            changes (KeyResultChanges | None | Unset):
            objective_id (None | str | Unset):
            items (list[KeyResultChangeItem] | None | Unset):
    """

    reason: str
    key_result_id: None | str | Unset = UNSET
    changes: KeyResultChanges | None | Unset = UNSET
    objective_id: None | str | Unset = UNSET
    items: list[KeyResultChangeItem] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.key_result_changes import KeyResultChanges

        reason = self.reason

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

        objective_id: None | str | Unset
        if isinstance(self.objective_id, Unset):
            objective_id = UNSET
        else:
            objective_id = self.objective_id

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if key_result_id is not UNSET:
            field_dict["key_result_id"] = key_result_id
        if changes is not UNSET:
            field_dict["changes"] = changes
        if objective_id is not UNSET:
            field_dict["objective_id"] = objective_id
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_change_item import KeyResultChangeItem
        from ..models.key_result_changes import KeyResultChanges

        d = dict(src_dict)
        reason = d.pop("reason")

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

        def _parse_objective_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        objective_id = _parse_objective_id(d.pop("objective_id", UNSET))

        def _parse_items(data: object) -> list[KeyResultChangeItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = KeyResultChangeItem.from_dict(
                        items_type_0_item_data
                    )

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KeyResultChangeItem] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        change_request_create = cls(
            reason=reason,
            key_result_id=key_result_id,
            changes=changes,
            objective_id=objective_id,
            items=items,
        )

        return change_request_create
