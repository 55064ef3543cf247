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
        voided_at (datetime.datetime | None | Unset): When the check-in was voided; a voided point no longer counts.
        voided_by_id (None | str | Unset): The person who voided it (null when a service key did: the audit trail names
            the key).
        void_reason (None | str | Unset): Why it was voided.
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
    voided_at: datetime.datetime | None | Unset = UNSET
    voided_by_id: None | str | Unset = UNSET
    void_reason: None | str | Unset = UNSET
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

        voided_at: None | str | Unset
        if isinstance(self.voided_at, Unset):
            voided_at = UNSET
        elif isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

        voided_by_id: None | str | Unset
        if isinstance(self.voided_by_id, Unset):
            voided_by_id = UNSET
        else:
            voided_by_id = self.voided_by_id

        void_reason: None | str | Unset
        if isinstance(self.void_reason, Unset):
            void_reason = UNSET
        else:
            void_reason = self.void_reason

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
        if voided_at is not UNSET:
            field_dict["voided_at"] = voided_at
        if voided_by_id is not UNSET:
            field_dict["voided_by_id"] = voided_by_id
        if void_reason is not UNSET:
            field_dict["void_reason"] = void_reason

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

        def _parse_voided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                voided_at_type_0 = datetime.datetime.fromisoformat(data)

                return voided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        voided_at = _parse_voided_at(d.pop("voided_at", UNSET))

        def _parse_voided_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        voided_by_id = _parse_voided_by_id(d.pop("voided_by_id", UNSET))

        def _parse_void_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        void_reason = _parse_void_reason(d.pop("void_reason", UNSET))

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
            voided_at=voided_at,
            voided_by_id=voided_by_id,
            void_reason=void_reason,
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
