from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.objective_forecast_public_band_type_0 import (
    ObjectiveForecastPublicBandType0,
)
from ..models.objective_forecast_public_method import ObjectiveForecastPublicMethod
from ..models.objective_forecast_public_reason_type_0 import (
    ObjectiveForecastPublicReasonType0,
)

T = TypeVar("T", bound="ObjectiveForecastPublic")


@_attrs_define
class ObjectiveForecastPublic:
    """An objective's weighted forecast (3 decimals) with its interval, or the reason for none.

    Attributes:
        method (ObjectiveForecastPublicMethod):
        points_used (int):
        score (float | None):
        low (float | None):
        high (float | None):
        interval_level (float):
        band (None | ObjectiveForecastPublicBandType0):
        reason (None | ObjectiveForecastPublicReasonType0):
        reason_message (None | str):
    """

    method: ObjectiveForecastPublicMethod
    points_used: int
    score: float | None
    low: float | None
    high: float | None
    interval_level: float
    band: None | ObjectiveForecastPublicBandType0
    reason: None | ObjectiveForecastPublicReasonType0
    reason_message: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        points_used = self.points_used

        score: float | None
        score = self.score

        low: float | None
        low = self.low

        high: float | None
        high = self.high

        interval_level = self.interval_level

        band: None | str
        if isinstance(self.band, ObjectiveForecastPublicBandType0):
            band = self.band.value
        else:
            band = self.band

        reason: None | str
        if isinstance(self.reason, ObjectiveForecastPublicReasonType0):
            reason = self.reason.value
        else:
            reason = self.reason

        reason_message: None | str
        reason_message = self.reason_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "points_used": points_used,
                "score": score,
                "low": low,
                "high": high,
                "interval_level": interval_level,
                "band": band,
                "reason": reason,
                "reason_message": reason_message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        method = ObjectiveForecastPublicMethod(d.pop("method"))

        points_used = d.pop("points_used")

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_low(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        low = _parse_low(d.pop("low"))

        def _parse_high(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        high = _parse_high(d.pop("high"))

        interval_level = d.pop("interval_level")

        def _parse_band(data: object) -> None | ObjectiveForecastPublicBandType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                band_type_0 = ObjectiveForecastPublicBandType0(data)

                return band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectiveForecastPublicBandType0, data)

        band = _parse_band(d.pop("band"))

        def _parse_reason(data: object) -> None | ObjectiveForecastPublicReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = ObjectiveForecastPublicReasonType0(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectiveForecastPublicReasonType0, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_reason_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason_message = _parse_reason_message(d.pop("reason_message"))

        objective_forecast_public = cls(
            method=method,
            points_used=points_used,
            score=score,
            low=low,
            high=high,
            interval_level=interval_level,
            band=band,
            reason=reason,
            reason_message=reason_message,
        )

        objective_forecast_public.additional_properties = d
        return objective_forecast_public

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
