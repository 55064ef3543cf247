from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.check_in_batch_check_in_batch_item_needs_help_from_type_0 import (
    CheckInBatchCheckInBatchItemNeedsHelpFromType0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckInBatchCheckInBatchItem")


@_attrs_define
class CheckInBatchCheckInBatchItem:
    """One check-in of a batch, for a KR named by `key_result_id` or by its `metric_key`.

    A metric key names the KR that carries it in the cycle running on the day of `observed_at`
    (cycles that are closed do not count; when none runs that day, the one cycle that is not
    closed). When overlapping cycles (a quarter and its year) both carry it, the item is refused
    with `metric_key.ambiguous`, naming the cycles: send `key_result_id` (with or without the
    metric key) instead.

        Attributes:
            value (float | None | Unset):
            done (bool | None | Unset):
            confidence (int | None | Unset):
            note (None | str | Unset):
            blocker (None | str | Unset):
            needs_help_from (CheckInBatchCheckInBatchItemNeedsHelpFromType0 | None | Unset):
            observed_at (datetime.datetime | None | Unset):
            source (str | Unset): Who sent the value: `manual`, `api` or an integration's name. Default: 'manual'.
            external_id (None | str | Unset):
            key_result_id (None | str | Unset):
            metric_key (None | str | Unset):
    """

    value: float | None | Unset = UNSET
    done: bool | None | Unset = UNSET
    confidence: int | None | Unset = UNSET
    note: None | str | Unset = UNSET
    blocker: None | str | Unset = UNSET
    needs_help_from: CheckInBatchCheckInBatchItemNeedsHelpFromType0 | None | Unset = (
        UNSET
    )
    observed_at: datetime.datetime | None | Unset = UNSET
    source: str | Unset = "manual"
    external_id: None | str | Unset = UNSET
    key_result_id: None | str | Unset = UNSET
    metric_key: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        done: bool | None | Unset
        if isinstance(self.done, Unset):
            done = UNSET
        else:
            done = self.done

        confidence: int | None | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        else:
            confidence = self.confidence

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        blocker: None | str | Unset
        if isinstance(self.blocker, Unset):
            blocker = UNSET
        else:
            blocker = self.blocker

        needs_help_from: None | str | Unset
        if isinstance(self.needs_help_from, Unset):
            needs_help_from = UNSET
        elif isinstance(
            self.needs_help_from, CheckInBatchCheckInBatchItemNeedsHelpFromType0
        ):
            needs_help_from = self.needs_help_from.value
        else:
            needs_help_from = self.needs_help_from

        observed_at: None | str | Unset
        if isinstance(self.observed_at, Unset):
            observed_at = UNSET
        elif isinstance(self.observed_at, datetime.datetime):
            observed_at = self.observed_at.isoformat()
        else:
            observed_at = self.observed_at

        source = self.source

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        key_result_id: None | str | Unset
        if isinstance(self.key_result_id, Unset):
            key_result_id = UNSET
        else:
            key_result_id = self.key_result_id

        metric_key: None | str | Unset
        if isinstance(self.metric_key, Unset):
            metric_key = UNSET
        else:
            metric_key = self.metric_key

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if done is not UNSET:
            field_dict["done"] = done
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if note is not UNSET:
            field_dict["note"] = note
        if blocker is not UNSET:
            field_dict["blocker"] = blocker
        if needs_help_from is not UNSET:
            field_dict["needs_help_from"] = needs_help_from
        if observed_at is not UNSET:
            field_dict["observed_at"] = observed_at
        if source is not UNSET:
            field_dict["source"] = source
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if key_result_id is not UNSET:
            field_dict["key_result_id"] = key_result_id
        if metric_key is not UNSET:
            field_dict["metric_key"] = metric_key

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_done(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        done = _parse_done(d.pop("done", UNSET))

        def _parse_confidence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_blocker(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        blocker = _parse_blocker(d.pop("blocker", UNSET))

        def _parse_needs_help_from(
            data: object,
        ) -> CheckInBatchCheckInBatchItemNeedsHelpFromType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                needs_help_from_type_0 = CheckInBatchCheckInBatchItemNeedsHelpFromType0(
                    data
                )

                return needs_help_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CheckInBatchCheckInBatchItemNeedsHelpFromType0 | None | Unset, data
            )

        needs_help_from = _parse_needs_help_from(d.pop("needs_help_from", UNSET))

        def _parse_observed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                observed_at_type_0 = datetime.datetime.fromisoformat(data)

                return observed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        observed_at = _parse_observed_at(d.pop("observed_at", UNSET))

        source = d.pop("source", UNSET)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        def _parse_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key_result_id = _parse_key_result_id(d.pop("key_result_id", UNSET))

        def _parse_metric_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metric_key = _parse_metric_key(d.pop("metric_key", UNSET))

        check_in_batch_check_in_batch_item = cls(
            value=value,
            done=done,
            confidence=confidence,
            note=note,
            blocker=blocker,
            needs_help_from=needs_help_from,
            observed_at=observed_at,
            source=source,
            external_id=external_id,
            key_result_id=key_result_id,
            metric_key=metric_key,
        )

        return check_in_batch_check_in_batch_item
