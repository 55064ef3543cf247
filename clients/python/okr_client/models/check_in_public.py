from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_in_public_needs_help_from_type_0 import (
    CheckInPublicNeedsHelpFromType0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckInPublic")


@_attrs_define
class CheckInPublic:
    """A progress point on a key result.

    Attributes:
        id (str):
        key_result_id (str):
        value (float | None):
        done (bool | None):
        confidence (int | None):
        note (None | str):
        observed_at (datetime.datetime):
        received_at (datetime.datetime):
        source (str):
        external_id (None | str):
        author_id (None | str):
        blocker (None | str | Unset):
        needs_help_from (CheckInPublicNeedsHelpFromType0 | None | Unset):
    """

    id: str
    key_result_id: str
    value: float | None
    done: bool | None
    confidence: int | None
    note: None | str
    observed_at: datetime.datetime
    received_at: datetime.datetime
    source: str
    external_id: None | str
    author_id: None | str
    blocker: None | str | Unset = UNSET
    needs_help_from: CheckInPublicNeedsHelpFromType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        key_result_id = self.key_result_id

        value: float | None
        value = self.value

        done: bool | None
        done = self.done

        confidence: int | None
        confidence = self.confidence

        note: None | str
        note = self.note

        observed_at = self.observed_at.isoformat()

        received_at = self.received_at.isoformat()

        source = self.source

        external_id: None | str
        external_id = self.external_id

        author_id: None | str
        author_id = self.author_id

        blocker: None | str | Unset
        if isinstance(self.blocker, Unset):
            blocker = UNSET
        else:
            blocker = self.blocker

        needs_help_from: None | str | Unset
        if isinstance(self.needs_help_from, Unset):
            needs_help_from = UNSET
        elif isinstance(self.needs_help_from, CheckInPublicNeedsHelpFromType0):
            needs_help_from = self.needs_help_from.value
        else:
            needs_help_from = self.needs_help_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "key_result_id": key_result_id,
                "value": value,
                "done": done,
                "confidence": confidence,
                "note": note,
                "observed_at": observed_at,
                "received_at": received_at,
                "source": source,
                "external_id": external_id,
                "author_id": author_id,
            }
        )
        if blocker is not UNSET:
            field_dict["blocker"] = blocker
        if needs_help_from is not UNSET:
            field_dict["needs_help_from"] = needs_help_from

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        key_result_id = d.pop("key_result_id")

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

        observed_at = datetime.datetime.fromisoformat(d.pop("observed_at"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        source = d.pop("source")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        def _parse_author_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_id = _parse_author_id(d.pop("author_id"))

        def _parse_blocker(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        blocker = _parse_blocker(d.pop("blocker", UNSET))

        def _parse_needs_help_from(
            data: object,
        ) -> CheckInPublicNeedsHelpFromType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                needs_help_from_type_0 = CheckInPublicNeedsHelpFromType0(data)

                return needs_help_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckInPublicNeedsHelpFromType0 | None | Unset, data)

        needs_help_from = _parse_needs_help_from(d.pop("needs_help_from", UNSET))

        check_in_public = cls(
            id=id,
            key_result_id=key_result_id,
            value=value,
            done=done,
            confidence=confidence,
            note=note,
            observed_at=observed_at,
            received_at=received_at,
            source=source,
            external_id=external_id,
            author_id=author_id,
            blocker=blocker,
            needs_help_from=needs_help_from,
        )

        check_in_public.additional_properties = d
        return check_in_public

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
