from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigestCheckIn")


@_attrs_define
class DigestCheckIn:
    """A check-in of the week.

    Attributes:
        id (str):
        observed_at (datetime.datetime):
        value (float | None):
        done (bool | None):
        confidence (int | None):
        note (None | str):
        blocker (None | str):
        needs_help_from (None | str):
    """

    id: str
    observed_at: datetime.datetime
    value: float | None
    done: bool | None
    confidence: int | None
    note: None | str
    blocker: None | str
    needs_help_from: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        observed_at = self.observed_at.isoformat()

        value: float | None
        value = self.value

        done: bool | None
        done = self.done

        confidence: int | None
        confidence = self.confidence

        note: None | str
        note = self.note

        blocker: None | str
        blocker = self.blocker

        needs_help_from: None | str
        needs_help_from = self.needs_help_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "observed_at": observed_at,
                "value": value,
                "done": done,
                "confidence": confidence,
                "note": note,
                "blocker": blocker,
                "needs_help_from": needs_help_from,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        observed_at = datetime.datetime.fromisoformat(d.pop("observed_at"))

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_done(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        done = _parse_done(d.pop("done"))

        def _parse_confidence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        confidence = _parse_confidence(d.pop("confidence"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_blocker(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        blocker = _parse_blocker(d.pop("blocker"))

        def _parse_needs_help_from(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        needs_help_from = _parse_needs_help_from(d.pop("needs_help_from"))

        digest_check_in = cls(
            id=id,
            observed_at=observed_at,
            value=value,
            done=done,
            confidence=confidence,
            note=note,
            blocker=blocker,
            needs_help_from=needs_help_from,
        )

        digest_check_in.additional_properties = d
        return digest_check_in

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
