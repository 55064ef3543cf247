from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_detail_state import DeliveryDetailState

if TYPE_CHECKING:
    from ..models.attempt_public import AttemptPublic
    from ..models.delivery_detail_payload import DeliveryDetailPayload


T = TypeVar("T", bound="DeliveryDetail")


@_attrs_define
class DeliveryDetail:
    """A delivery with the body it sends and every attempt.

    Attributes:
        id (str): The `webhook-id` it is sent with, the same on every attempt.
        webhook_id (str):
        cursor (str): The event's position in the feed.
        event_type (str):
        state (DeliveryDetailState):
        attempts (int):
        next_attempt_at (datetime.datetime | None):
        last_status_code (int | None):
        last_error (None | str):
        last_latency_ms (int | None):
        delivered_at (datetime.datetime | None):
        created_at (datetime.datetime):
        payload (DeliveryDetailPayload):
        attempt_log (list[AttemptPublic]):
    """

    id: str
    webhook_id: str
    cursor: str
    event_type: str
    state: DeliveryDetailState
    attempts: int
    next_attempt_at: datetime.datetime | None
    last_status_code: int | None
    last_error: None | str
    last_latency_ms: int | None
    delivered_at: datetime.datetime | None
    created_at: datetime.datetime
    payload: DeliveryDetailPayload
    attempt_log: list[AttemptPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        webhook_id = self.webhook_id

        cursor = self.cursor

        event_type = self.event_type

        state = self.state.value

        attempts = self.attempts

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        last_status_code: int | None
        last_status_code = self.last_status_code

        last_error: None | str
        last_error = self.last_error

        last_latency_ms: int | None
        last_latency_ms = self.last_latency_ms

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        created_at = self.created_at.isoformat()

        payload = self.payload.to_dict()

        attempt_log = []
        for attempt_log_item_data in self.attempt_log:
            attempt_log_item = attempt_log_item_data.to_dict()
            attempt_log.append(attempt_log_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "cursor": cursor,
                "event_type": event_type,
                "state": state,
                "attempts": attempts,
                "next_attempt_at": next_attempt_at,
                "last_status_code": last_status_code,
                "last_error": last_error,
                "last_latency_ms": last_latency_ms,
                "delivered_at": delivered_at,
                "created_at": created_at,
                "payload": payload,
                "attempt_log": attempt_log,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt_public import AttemptPublic
        from ..models.delivery_detail_payload import DeliveryDetailPayload

        d = dict(src_dict)
        id = d.pop("id")

        webhook_id = d.pop("webhook_id")

        cursor = d.pop("cursor")

        event_type = d.pop("event_type")

        state = DeliveryDetailState(d.pop("state"))

        attempts = d.pop("attempts")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_latency_ms = _parse_last_latency_ms(d.pop("last_latency_ms"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        payload = DeliveryDetailPayload.from_dict(d.pop("payload"))

        attempt_log = []
        _attempt_log = d.pop("attempt_log")
        for attempt_log_item_data in _attempt_log:
            attempt_log_item = AttemptPublic.from_dict(attempt_log_item_data)

            attempt_log.append(attempt_log_item)

        delivery_detail = cls(
            id=id,
            webhook_id=webhook_id,
            cursor=cursor,
            event_type=event_type,
            state=state,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            last_status_code=last_status_code,
            last_error=last_error,
            last_latency_ms=last_latency_ms,
            delivered_at=delivered_at,
            created_at=created_at,
            payload=payload,
            attempt_log=attempt_log,
        )

        delivery_detail.additional_properties = d
        return delivery_detail

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
