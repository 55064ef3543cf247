from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewKeyResultIn")


@_attrs_define
class ReviewKeyResultIn:
    """The final score the owner gives one key result; differing from the computed one needs a
    reason. Rounded half-up to 2 decimals.

        Attributes:
            key_result_id (str):
            final_score (float):
            override_reason (None | str | Unset):
    """

    key_result_id: str
    final_score: float
    override_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        final_score = self.final_score

        override_reason: None | str | Unset
        if isinstance(self.override_reason, Unset):
            override_reason = UNSET
        else:
            override_reason = self.override_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_result_id": key_result_id,
                "final_score": final_score,
            }
        )
        if override_reason is not UNSET:
            field_dict["override_reason"] = override_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        final_score = d.pop("final_score")

        def _parse_override_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_reason = _parse_override_reason(d.pop("override_reason", UNSET))

        review_key_result_in = cls(
            key_result_id=key_result_id,
            final_score=final_score,
            override_reason=override_reason,
        )

        return review_key_result_in
