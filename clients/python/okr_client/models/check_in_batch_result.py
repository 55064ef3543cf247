from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_item_result import BatchItemResult


T = TypeVar("T", bound="CheckInBatchResult")


@_attrs_define
class CheckInBatchResult:
    """One result per item, in request order, and the counts.

    Attributes:
        items (list[BatchItemResult]):
        created (int):
        duplicate (int):
        refused (int):
    """

    items: list[BatchItemResult]
    created: int
    duplicate: int
    refused: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        created = self.created

        duplicate = self.duplicate

        refused = self.refused

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "created": created,
                "duplicate": duplicate,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_item_result import BatchItemResult

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BatchItemResult.from_dict(items_item_data)

            items.append(items_item)

        created = d.pop("created")

        duplicate = d.pop("duplicate")

        refused = d.pop("refused")

        check_in_batch_result = cls(
            items=items,
            created=created,
            duplicate=duplicate,
            refused=refused,
        )

        check_in_batch_result.additional_properties = d
        return check_in_batch_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
