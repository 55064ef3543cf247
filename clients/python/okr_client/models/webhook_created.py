from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookCreated")


@_attrs_define
class WebhookCreated:
    """A new subscription; ``secret`` is shown in this answer only and never again.

    Attributes:
        id (str):
        url (str):
        description (None | str):
        event_types (list[str]):
        active (bool):
        disabled_reason (None | str): Why it stopped: `paused`, `gone` (the receiver answered 410) or `failing`
            (deliveries failed after their whole retry schedule, several in a row).
        cursor (str): The feed position up to which events have been queued.
        consecutive_failures (int):
        previous_secret_expires_at (datetime.datetime | None): Until when the previous secret also signs deliveries
            (after a rotation).
        created_by_id (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        secret (str): `whsec_...`: verifies `webhook-signature`; shown once.
    """

    id: str
    url: str
    description: None | str
    event_types: list[str]
    active: bool
    disabled_reason: None | str
    cursor: str
    consecutive_failures: int
    previous_secret_expires_at: datetime.datetime | None
    created_by_id: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        description: None | str
        description = self.description

        event_types = self.event_types

        active = self.active

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        cursor = self.cursor

        consecutive_failures = self.consecutive_failures

        previous_secret_expires_at: None | str
        if isinstance(self.previous_secret_expires_at, datetime.datetime):
            previous_secret_expires_at = self.previous_secret_expires_at.isoformat()
        else:
            previous_secret_expires_at = self.previous_secret_expires_at

        created_by_id: None | str
        created_by_id = self.created_by_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        secret = self.secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "description": description,
                "event_types": event_types,
                "active": active,
                "disabled_reason": disabled_reason,
                "cursor": cursor,
                "consecutive_failures": consecutive_failures,
                "previous_secret_expires_at": previous_secret_expires_at,
                "created_by_id": created_by_id,
                "created_at": created_at,
                "updated_at": updated_at,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        event_types = cast(list[str], d.pop("event_types"))

        active = d.pop("active")

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        cursor = d.pop("cursor")

        consecutive_failures = d.pop("consecutive_failures")

        def _parse_previous_secret_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_expires_at_type_0 = datetime.datetime.fromisoformat(
                    data
                )

                return previous_secret_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_expires_at = _parse_previous_secret_expires_at(
            d.pop("previous_secret_expires_at")
        )

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        secret = d.pop("secret")

        webhook_created = cls(
            id=id,
            url=url,
            description=description,
            event_types=event_types,
            active=active,
            disabled_reason=disabled_reason,
            cursor=cursor,
            consecutive_failures=consecutive_failures,
            previous_secret_expires_at=previous_secret_expires_at,
            created_by_id=created_by_id,
            created_at=created_at,
            updated_at=updated_at,
            secret=secret,
        )

        webhook_created.additional_properties = d
        return webhook_created

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
