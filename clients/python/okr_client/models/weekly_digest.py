from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.at_risk import AtRisk
    from ..models.digest_initiative import DigestInitiative
    from ..models.digest_owner import DigestOwner


T = TypeVar("T", bound="WeeklyDigest")


@_attrs_define
class WeeklyDigest:
    """The weekly meeting's agenda of a unit (okr-domain.md §9).

    Attributes:
        unit_id (str):
        week (str):
        starts_on (datetime.date):
        ends_on (datetime.date):
        person_id (None | str):
        owners (list[DigestOwner]):
        stale_key_results (list[str]):
        blockers (int):
        help_requests (int):
        check_ins (int):
        initiatives_due_next_week (list[DigestInitiative]):
        at_risk (list[AtRisk]):
    """

    unit_id: str
    week: str
    starts_on: datetime.date
    ends_on: datetime.date
    person_id: None | str
    owners: list[DigestOwner]
    stale_key_results: list[str]
    blockers: int
    help_requests: int
    check_ins: int
    initiatives_due_next_week: list[DigestInitiative]
    at_risk: list[AtRisk]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unit_id = self.unit_id

        week = self.week

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        person_id: None | str
        person_id = self.person_id

        owners = []
        for owners_item_data in self.owners:
            owners_item = owners_item_data.to_dict()
            owners.append(owners_item)

        stale_key_results = self.stale_key_results

        blockers = self.blockers

        help_requests = self.help_requests

        check_ins = self.check_ins

        initiatives_due_next_week = []
        for initiatives_due_next_week_item_data in self.initiatives_due_next_week:
            initiatives_due_next_week_item = (
                initiatives_due_next_week_item_data.to_dict()
            )
            initiatives_due_next_week.append(initiatives_due_next_week_item)

        at_risk = []
        for at_risk_item_data in self.at_risk:
            at_risk_item = at_risk_item_data.to_dict()
            at_risk.append(at_risk_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unit_id": unit_id,
                "week": week,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "person_id": person_id,
                "owners": owners,
                "stale_key_results": stale_key_results,
                "blockers": blockers,
                "help_requests": help_requests,
                "check_ins": check_ins,
                "initiatives_due_next_week": initiatives_due_next_week,
                "at_risk": at_risk,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.at_risk import AtRisk
        from ..models.digest_initiative import DigestInitiative
        from ..models.digest_owner import DigestOwner

        d = dict(src_dict)
        unit_id = d.pop("unit_id")

        week = d.pop("week")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        def _parse_person_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        person_id = _parse_person_id(d.pop("person_id"))

        owners = []
        _owners = d.pop("owners")
        for owners_item_data in _owners:
            owners_item = DigestOwner.from_dict(owners_item_data)

            owners.append(owners_item)

        stale_key_results = cast(list[str], d.pop("stale_key_results"))

        blockers = d.pop("blockers")

        help_requests = d.pop("help_requests")

        check_ins = d.pop("check_ins")

        initiatives_due_next_week = []
        _initiatives_due_next_week = d.pop("initiatives_due_next_week")
        for initiatives_due_next_week_item_data in _initiatives_due_next_week:
            initiatives_due_next_week_item = DigestInitiative.from_dict(
                initiatives_due_next_week_item_data
            )

            initiatives_due_next_week.append(initiatives_due_next_week_item)

        at_risk = []
        _at_risk = d.pop("at_risk")
        for at_risk_item_data in _at_risk:
            at_risk_item = AtRisk.from_dict(at_risk_item_data)

            at_risk.append(at_risk_item)

        weekly_digest = cls(
            unit_id=unit_id,
            week=week,
            starts_on=starts_on,
            ends_on=ends_on,
            person_id=person_id,
            owners=owners,
            stale_key_results=stale_key_results,
            blockers=blockers,
            help_requests=help_requests,
            check_ins=check_ins,
            initiatives_due_next_week=initiatives_due_next_week,
            at_risk=at_risk,
        )

        weekly_digest.additional_properties = d
        return weekly_digest

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
