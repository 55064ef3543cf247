from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.add_key_result import AddKeyResult
    from ..models.modify_key_result import ModifyKeyResult
    from ..models.remove_key_result import RemoveKeyResult


T = TypeVar("T", bound="ChangeSetCreate")


@_attrs_define
class ChangeSetCreate:
    """A proposed change to several key results of one agreed annual objective at once (modify,
    add, remove, applied in order), with its reason; accepted only if the objective then passes
    the submission rules again (weights sum to 100%, KR count within policy, due dates).

        Attributes:
            objective_id (str):
            items (list[AddKeyResult | ModifyKeyResult | RemoveKeyResult]):
            reason (str): At most 4000 characters; no control characters but tab, line feed and carriage return.
    """

    objective_id: str
    items: list[AddKeyResult | ModifyKeyResult | RemoveKeyResult]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_key_result import AddKeyResult
        from ..models.modify_key_result import ModifyKeyResult

        objective_id = self.objective_id

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, ModifyKeyResult) or isinstance(
                items_item_data, AddKeyResult
            ):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "objective_id": objective_id,
                "items": items,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.add_key_result import AddKeyResult
        from ..models.modify_key_result import ModifyKeyResult
        from ..models.remove_key_result import RemoveKeyResult

        d = dict(src_dict)
        objective_id = d.pop("objective_id")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> AddKeyResult | ModifyKeyResult | RemoveKeyResult:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_0 = ModifyKeyResult.from_dict(data)

                    return items_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_1 = AddKeyResult.from_dict(data)

                    return items_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                items_item_type_2 = RemoveKeyResult.from_dict(data)

                return items_item_type_2

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        reason = d.pop("reason")

        change_set_create = cls(
            objective_id=objective_id,
            items=items,
            reason=reason,
        )

        return change_set_create
