from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.check_in_batch_check_in_batch_item import CheckInBatchCheckInBatchItem


T = TypeVar("T", bound="CheckInBatch")


@_attrs_define
class CheckInBatch:
    """Up to 1,000 check-ins; each item is validated and stored on its own.

    Attributes:
        items (list[CheckInBatchCheckInBatchItem]):
    """

    items: list[CheckInBatchCheckInBatchItem]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_in_batch_check_in_batch_item import (
            CheckInBatchCheckInBatchItem,
        )

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CheckInBatchCheckInBatchItem.from_dict(items_item_data)

            items.append(items_item)

        check_in_batch = cls(
            items=items,
        )

        return check_in_batch
