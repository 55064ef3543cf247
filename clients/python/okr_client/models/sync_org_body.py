from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_org_body_people_item import SyncOrgBodyPeopleItem
    from ..models.sync_org_body_units_item import SyncOrgBodyUnitsItem


T = TypeVar("T", bound="SyncOrgBody")


@_attrs_define
class SyncOrgBody:
    """The snapshot; the same as CSV with `Content-Type: text/csv` and the header
    kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_id,active.

        Attributes:
            units (list[SyncOrgBodyUnitsItem] | Unset):
            people (list[SyncOrgBodyPeopleItem] | Unset):
    """

    units: list[SyncOrgBodyUnitsItem] | Unset = UNSET
    people: list[SyncOrgBodyPeopleItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        units: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = []
            for units_item_data in self.units:
                units_item = units_item_data.to_dict()
                units.append(units_item)

        people: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.people, Unset):
            people = []
            for people_item_data in self.people:
                people_item = people_item_data.to_dict()
                people.append(people_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if units is not UNSET:
            field_dict["units"] = units
        if people is not UNSET:
            field_dict["people"] = people

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_org_body_people_item import SyncOrgBodyPeopleItem
        from ..models.sync_org_body_units_item import SyncOrgBodyUnitsItem

        d = dict(src_dict)
        _units = d.pop("units", UNSET)
        units: list[SyncOrgBodyUnitsItem] | Unset = UNSET
        if _units is not UNSET:
            units = []
            for units_item_data in _units:
                units_item = SyncOrgBodyUnitsItem.from_dict(units_item_data)

                units.append(units_item)

        _people = d.pop("people", UNSET)
        people: list[SyncOrgBodyPeopleItem] | Unset = UNSET
        if _people is not UNSET:
            people = []
            for people_item_data in _people:
                people_item = SyncOrgBodyPeopleItem.from_dict(people_item_data)

                people.append(people_item)

        sync_org_body = cls(
            units=units,
            people=people,
        )

        sync_org_body.additional_properties = d
        return sync_org_body

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
