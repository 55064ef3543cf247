from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review_adjustment_in import ReviewAdjustmentIn


T = TypeVar("T", bound="ReviewConfirm")


@_attrs_define
class ReviewConfirm:
    """The manager's confirmation: a note and, optionally, adjusted KR scores.

    Attributes:
        note (None | str | Unset): The manager's comment.
        adjustments (list[ReviewAdjustmentIn] | Unset):
    """

    note: None | str | Unset = UNSET
    adjustments: list[ReviewAdjustmentIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        adjustments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.adjustments, Unset):
            adjustments = []
            for adjustments_item_data in self.adjustments:
                adjustments_item = adjustments_item_data.to_dict()
                adjustments.append(adjustments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if note is not UNSET:
            field_dict["note"] = note
        if adjustments is not UNSET:
            field_dict["adjustments"] = adjustments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.review_adjustment_in import ReviewAdjustmentIn

        d = dict(src_dict)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        _adjustments = d.pop("adjustments", UNSET)
        adjustments: list[ReviewAdjustmentIn] | Unset = UNSET
        if _adjustments is not UNSET:
            adjustments = []
            for adjustments_item_data in _adjustments:
                adjustments_item = ReviewAdjustmentIn.from_dict(adjustments_item_data)

                adjustments.append(adjustments_item)

        review_confirm = cls(
            note=note,
            adjustments=adjustments,
        )

        return review_confirm
