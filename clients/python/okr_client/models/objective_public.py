from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grade import Grade
from ..models.objective_state import ObjectiveState
from ..models.origin import Origin
from ..models.owner_type import OwnerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_result_public import KeyResultPublic
    from ..models.objective_forecast_public import ObjectiveForecastPublic
    from ..models.rule_warning import RuleWarning


T = TypeVar("T", bound="ObjectivePublic")


@_attrs_define
class ObjectivePublic:
    """An owner's goal for a cycle with its key results, score (0.000-1.000) and grade.

    Attributes:
        id (str):
        cycle_id (str):
        owner_type (OwnerType): Who owns an objective: a person or an org unit.
        owner_id (str):
        title (str):
        description (str):
        origin (Origin): Where an objective came from.
        state (ObjectiveState): Objective lifecycle: draft -> proposed -> agreed, proposed -> draft, agreed ->
            cancelled.
        state_reason (None | str): The reason of the last return or cancel.
        score (float | None):
        grade (Grade | None):
        key_results (list[KeyResultPublic]):
        created_by_id (None | str):
        approved_by_id (None | str):
        submitted_at (datetime.datetime | None):
        agreed_at (datetime.datetime | None):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        owner_inactive (bool | Unset): The owner is a person who was deactivated (left the organisation); the objective
            and its history stay. Default: False.
        warnings (list[RuleWarning] | Unset): Policy recommendations not met and OKR lint findings (filled by `/submit`;
            they do not block).
        forecast (None | ObjectiveForecastPublic | Unset): The weighted end-of-cycle forecast and band (on reads; null
            in write answers and events).
    """

    id: str
    cycle_id: str
    owner_type: OwnerType
    owner_id: str
    title: str
    description: str
    origin: Origin
    state: ObjectiveState
    state_reason: None | str
    score: float | None
    grade: Grade | None
    key_results: list[KeyResultPublic]
    created_by_id: None | str
    approved_by_id: None | str
    submitted_at: datetime.datetime | None
    agreed_at: datetime.datetime | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner_inactive: bool | Unset = False
    warnings: list[RuleWarning] | Unset = UNSET
    forecast: None | ObjectiveForecastPublic | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.objective_forecast_public import ObjectiveForecastPublic

        id = self.id

        cycle_id = self.cycle_id

        owner_type = self.owner_type.value

        owner_id = self.owner_id

        title = self.title

        description = self.description

        origin = self.origin.value

        state = self.state.value

        state_reason: None | str
        state_reason = self.state_reason

        score: float | None
        score = self.score

        grade: None | str
        if isinstance(self.grade, Grade):
            grade = self.grade.value
        else:
            grade = self.grade

        key_results = []
        for key_results_item_data in self.key_results:
            key_results_item = key_results_item_data.to_dict()
            key_results.append(key_results_item)

        created_by_id: None | str
        created_by_id = self.created_by_id

        approved_by_id: None | str
        approved_by_id = self.approved_by_id

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        agreed_at: None | str
        if isinstance(self.agreed_at, datetime.datetime):
            agreed_at = self.agreed_at.isoformat()
        else:
            agreed_at = self.agreed_at

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner_inactive = self.owner_inactive

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)

        forecast: dict[str, Any] | None | Unset
        if isinstance(self.forecast, Unset):
            forecast = UNSET
        elif isinstance(self.forecast, ObjectiveForecastPublic):
            forecast = self.forecast.to_dict()
        else:
            forecast = self.forecast

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle_id": cycle_id,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "title": title,
                "description": description,
                "origin": origin,
                "state": state,
                "state_reason": state_reason,
                "score": score,
                "grade": grade,
                "key_results": key_results,
                "created_by_id": created_by_id,
                "approved_by_id": approved_by_id,
                "submitted_at": submitted_at,
                "agreed_at": agreed_at,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if owner_inactive is not UNSET:
            field_dict["owner_inactive"] = owner_inactive
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if forecast is not UNSET:
            field_dict["forecast"] = forecast

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_public import KeyResultPublic
        from ..models.objective_forecast_public import ObjectiveForecastPublic
        from ..models.rule_warning import RuleWarning

        d = dict(src_dict)
        id = d.pop("id")

        cycle_id = d.pop("cycle_id")

        owner_type = OwnerType(d.pop("owner_type"))

        owner_id = d.pop("owner_id")

        title = d.pop("title")

        description = d.pop("description")

        origin = Origin(d.pop("origin"))

        state = ObjectiveState(d.pop("state"))

        def _parse_state_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        state_reason = _parse_state_reason(d.pop("state_reason"))

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_grade(data: object) -> Grade | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grade_type_0 = Grade(data)

                return grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Grade | None, data)

        grade = _parse_grade(d.pop("grade"))

        key_results = []
        _key_results = d.pop("key_results")
        for key_results_item_data in _key_results:
            key_results_item = KeyResultPublic.from_dict(key_results_item_data)

            key_results.append(key_results_item)

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        def _parse_approved_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        approved_by_id = _parse_approved_by_id(d.pop("approved_by_id"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        def _parse_agreed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreed_at_type_0 = datetime.datetime.fromisoformat(data)

                return agreed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        agreed_at = _parse_agreed_at(d.pop("agreed_at"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        owner_inactive = d.pop("owner_inactive", UNSET)

        _warnings = d.pop("warnings", UNSET)
        warnings: list[RuleWarning] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = RuleWarning.from_dict(warnings_item_data)

                warnings.append(warnings_item)

        def _parse_forecast(data: object) -> None | ObjectiveForecastPublic | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                forecast_type_0 = ObjectiveForecastPublic.from_dict(data)

                return forecast_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectiveForecastPublic | Unset, data)

        forecast = _parse_forecast(d.pop("forecast", UNSET))

        objective_public = cls(
            id=id,
            cycle_id=cycle_id,
            owner_type=owner_type,
            owner_id=owner_id,
            title=title,
            description=description,
            origin=origin,
            state=state,
            state_reason=state_reason,
            score=score,
            grade=grade,
            key_results=key_results,
            created_by_id=created_by_id,
            approved_by_id=approved_by_id,
            submitted_at=submitted_at,
            agreed_at=agreed_at,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            owner_inactive=owner_inactive,
            warnings=warnings,
            forecast=forecast,
        )

        objective_public.additional_properties = d
        return objective_public

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
