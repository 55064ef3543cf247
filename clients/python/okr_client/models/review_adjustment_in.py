from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewAdjustmentIn")


@_attrs_define
class ReviewAdjustmentIn:
    """The manager's score for one key result at confirmation; differing from the owner's final
    score needs a reason. Rounded half-up to 2 decimals.

        Attributes:
            key_result_id (str):
            score (float):
            reason (None | str | Unset):
    """

    key_result_id: str
    score: float
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        score = self.score

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_result_id": key_result_id,
                "score": score,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        score = d.pop("score")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        review_adjustment_in = cls(
            key_result_id=key_result_id,
            score=score,
            reason=reason,
        )

        return review_adjustment_in
