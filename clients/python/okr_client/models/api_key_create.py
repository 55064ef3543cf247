from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_key_create_scopes_item import ApiKeyCreateScopesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyCreate")


@_attrs_define
class ApiKeyCreate:
    """A new service key: its scopes and, optionally, the KRs or metric keys it may push to.

    Attributes:
        name (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
            whitespace.
        scopes (list[ApiKeyCreateScopesItem]):
        key_result_ids (list[str] | None | Unset): When set, check-ins may be pushed to these key results only.
        metric_keys (list[str] | None | Unset): When set, check-ins may be pushed under these metric keys only.
        expires_at (datetime.datetime | None | Unset): Must lie in the future.
    """

    name: str
    scopes: list[ApiKeyCreateScopesItem]
    key_result_ids: list[str] | None | Unset = UNSET
    metric_keys: list[str] | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        key_result_ids: list[str] | None | Unset
        if isinstance(self.key_result_ids, Unset):
            key_result_ids = UNSET
        elif isinstance(self.key_result_ids, list):
            key_result_ids = self.key_result_ids

        else:
            key_result_ids = self.key_result_ids

        metric_keys: list[str] | None | Unset
        if isinstance(self.metric_keys, Unset):
            metric_keys = UNSET
        elif isinstance(self.metric_keys, list):
            metric_keys = self.metric_keys

        else:
            metric_keys = self.metric_keys

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
            }
        )
        if key_result_ids is not UNSET:
            field_dict["key_result_ids"] = key_result_ids
        if metric_keys is not UNSET:
            field_dict["metric_keys"] = metric_keys
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = ApiKeyCreateScopesItem(scopes_item_data)

            scopes.append(scopes_item)

        def _parse_key_result_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                key_result_ids_type_0 = cast(list[str], data)

                return key_result_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        key_result_ids = _parse_key_result_ids(d.pop("key_result_ids", UNSET))

        def _parse_metric_keys(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                metric_keys_type_0 = cast(list[str], data)

                return metric_keys_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        metric_keys = _parse_metric_keys(d.pop("metric_keys", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        api_key_create = cls(
            name=name,
            scopes=scopes,
            key_result_ids=key_result_ids,
            metric_keys=metric_keys,
            expires_at=expires_at,
        )

        return api_key_create
