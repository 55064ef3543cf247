from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReviewCompletionOut")


@_attrs_define
class ReviewCompletionOut:
    """Reviews of agreed objectives: missing, drafted, submitted, confirmed.

    Attributes:
        due (int):
        missing (int):
        draft (int):
        submitted (int):
        confirmed (int):
        confirmed_share (float | None):
        submitted_or_confirmed_share (float | None):
    """

    due: int
    missing: int
    draft: int
    submitted: int
    confirmed: int
    confirmed_share: float | None
    submitted_or_confirmed_share: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due

        missing = self.missing

        draft = self.draft

        submitted = self.submitted

        confirmed = self.confirmed

        confirmed_share: float | None
        confirmed_share = self.confirmed_share

        submitted_or_confirmed_share: float | None
        submitted_or_confirmed_share = self.submitted_or_confirmed_share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "missing": missing,
                "draft": draft,
                "submitted": submitted,
                "confirmed": confirmed,
                "confirmed_share": confirmed_share,
                "submitted_or_confirmed_share": submitted_or_confirmed_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        due = d.pop("due")

        missing = d.pop("missing")

        draft = d.pop("draft")

        submitted = d.pop("submitted")

        confirmed = d.pop("confirmed")

        def _parse_confirmed_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        confirmed_share = _parse_confirmed_share(d.pop("confirmed_share"))

        def _parse_submitted_or_confirmed_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        submitted_or_confirmed_share = _parse_submitted_or_confirmed_share(
            d.pop("submitted_or_confirmed_share")
        )

        review_completion_out = cls(
            due=due,
            missing=missing,
            draft=draft,
            submitted=submitted,
            confirmed=confirmed,
            confirmed_share=confirmed_share,
            submitted_or_confirmed_share=submitted_or_confirmed_share,
        )

        review_completion_out.additional_properties = d
        return review_completion_out

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
