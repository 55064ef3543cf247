from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_result_kind import KeyResultKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.forecast_public import ForecastPublic


T = TypeVar("T", bound="KeyResultPublic")


@_attrs_define
class KeyResultPublic:
    """A measurable result of one objective, with its current score (0.00-1.00).

    Attributes:
        id (str):
        objective_id (str):
        position (int):
        title (str):
        kind (KeyResultKind): How a key result measures progress.
        start_value (float | None):
        target_value (float | None):
        current_value (float | None):
        unit (None | str):
        weight (float):
        due_on (datetime.date | None):
        metric_key (None | str):
        done (bool):
        score (float):
        confidence (int | None):
        last_check_in_at (datetime.datetime | None):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        forecast (ForecastPublic | None | Unset): The end-of-cycle forecast and band (on reads of key results and
            objectives; null in write answers and events).
    """

    id: str
    objective_id: str
    position: int
    title: str
    kind: KeyResultKind
    start_value: float | None
    target_value: float | None
    current_value: float | None
    unit: None | str
    weight: float
    due_on: datetime.date | None
    metric_key: None | str
    done: bool
    score: float
    confidence: int | None
    last_check_in_at: datetime.datetime | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    forecast: ForecastPublic | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.forecast_public import ForecastPublic

        id = self.id

        objective_id = self.objective_id

        position = self.position

        title = self.title

        kind = self.kind.value

        start_value: float | None
        start_value = self.start_value

        target_value: float | None
        target_value = self.target_value

        current_value: float | None
        current_value = self.current_value

        unit: None | str
        unit = self.unit

        weight = self.weight

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        metric_key: None | str
        metric_key = self.metric_key

        done = self.done

        score = self.score

        confidence: int | None
        confidence = self.confidence

        last_check_in_at: None | str
        if isinstance(self.last_check_in_at, datetime.datetime):
            last_check_in_at = self.last_check_in_at.isoformat()
        else:
            last_check_in_at = self.last_check_in_at

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        forecast: dict[str, Any] | None | Unset
        if isinstance(self.forecast, Unset):
            forecast = UNSET
        elif isinstance(self.forecast, ForecastPublic):
            forecast = self.forecast.to_dict()
        else:
            forecast = self.forecast

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "objective_id": objective_id,
                "position": position,
                "title": title,
                "kind": kind,
                "start_value": start_value,
                "target_value": target_value,
                "current_value": current_value,
                "unit": unit,
                "weight": weight,
                "due_on": due_on,
                "metric_key": metric_key,
                "done": done,
                "score": score,
                "confidence": confidence,
                "last_check_in_at": last_check_in_at,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if forecast is not UNSET:
            field_dict["forecast"] = forecast

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.forecast_public import ForecastPublic

        d = dict(src_dict)
        id = d.pop("id")

        objective_id = d.pop("objective_id")

        position = d.pop("position")

        title = d.pop("title")

        kind = KeyResultKind(d.pop("kind"))

        def _parse_start_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        start_value = _parse_start_value(d.pop("start_value"))

        def _parse_target_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        target_value = _parse_target_value(d.pop("target_value"))

        def _parse_current_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        current_value = _parse_current_value(d.pop("current_value"))

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        weight = d.pop("weight")

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        def _parse_metric_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        metric_key = _parse_metric_key(d.pop("metric_key"))

        done = d.pop("done")

        score = d.pop("score")

        def _parse_confidence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        confidence = _parse_confidence(d.pop("confidence"))

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

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_forecast(data: object) -> ForecastPublic | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                forecast_type_0 = ForecastPublic.from_dict(data)

                return forecast_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ForecastPublic | None | Unset, data)

        forecast = _parse_forecast(d.pop("forecast", UNSET))

        key_result_public = cls(
            id=id,
            objective_id=objective_id,
            position=position,
            title=title,
            kind=kind,
            start_value=start_value,
            target_value=target_value,
            current_value=current_value,
            unit=unit,
            weight=weight,
            due_on=due_on,
            metric_key=metric_key,
            done=done,
            score=score,
            confidence=confidence,
            last_check_in_at=last_check_in_at,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            forecast=forecast,
        )

        key_result_public.additional_properties = d
        return key_result_public

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
