from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StaleKeyResultOut")


@_attrs_define
class StaleKeyResultOut:
    """A key result of an agreed objective with no recent check-in.

    Attributes:
        key_result_id (str):
        objective_id (str):
        title (str):
        last_check_in_at (datetime.datetime | None):
    """

    key_result_id: str
    objective_id: str
    title: str
    last_check_in_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        objective_id = self.objective_id

        title = self.title

        last_check_in_at: None | str
        if isinstance(self.last_check_in_at, datetime.datetime):
            last_check_in_at = self.last_check_in_at.isoformat()
        else:
            last_check_in_at = self.last_check_in_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_result_id": key_result_id,
                "objective_id": objective_id,
                "title": title,
                "last_check_in_at": last_check_in_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        objective_id = d.pop("objective_id")

        title = d.pop("title")

        def _parse_last_check_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_check_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_check_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_check_in_at = _parse_last_check_in_at(d.pop("last_check_in_at"))

        stale_key_result_out = cls(
            key_result_id=key_result_id,
            objective_id=objective_id,
            title=title,
            last_check_in_at=last_check_in_at,
        )

        stale_key_result_out.additional_properties = d
        return stale_key_result_out

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
