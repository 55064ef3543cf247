from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SyncSummary")


@_attrs_define
class SyncSummary:
    """How many changes of each kind.

    Attributes:
        units_created (int):
        units_updated (int):
        units_moved (int):
        units_deactivated (int):
        units_reactivated (int):
        people_created (int):
        people_updated (int):
        people_moved (int):
        people_deactivated (int):
        people_reactivated (int):
        unchanged (int):
    """

    units_created: int
    units_updated: int
    units_moved: int
    units_deactivated: int
    units_reactivated: int
    people_created: int
    people_updated: int
    people_moved: int
    people_deactivated: int
    people_reactivated: int
    unchanged: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        units_created = self.units_created

        units_updated = self.units_updated

        units_moved = self.units_moved

        units_deactivated = self.units_deactivated

        units_reactivated = self.units_reactivated

        people_created = self.people_created

        people_updated = self.people_updated

        people_moved = self.people_moved

        people_deactivated = self.people_deactivated

        people_reactivated = self.people_reactivated

        unchanged = self.unchanged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "units_created": units_created,
                "units_updated": units_updated,
                "units_moved": units_moved,
                "units_deactivated": units_deactivated,
                "units_reactivated": units_reactivated,
                "people_created": people_created,
                "people_updated": people_updated,
                "people_moved": people_moved,
                "people_deactivated": people_deactivated,
                "people_reactivated": people_reactivated,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        units_created = d.pop("units_created")

        units_updated = d.pop("units_updated")

        units_moved = d.pop("units_moved")

        units_deactivated = d.pop("units_deactivated")

        units_reactivated = d.pop("units_reactivated")

        people_created = d.pop("people_created")

        people_updated = d.pop("people_updated")

        people_moved = d.pop("people_moved")

        people_deactivated = d.pop("people_deactivated")

        people_reactivated = d.pop("people_reactivated")

        unchanged = d.pop("unchanged")

        sync_summary = cls(
            units_created=units_created,
            units_updated=units_updated,
            units_moved=units_moved,
            units_deactivated=units_deactivated,
            units_reactivated=units_reactivated,
            people_created=people_created,
            people_updated=people_updated,
            people_moved=people_moved,
            people_deactivated=people_deactivated,
            people_reactivated=people_reactivated,
            unchanged=unchanged,
        )

        sync_summary.additional_properties = d
        return sync_summary

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
