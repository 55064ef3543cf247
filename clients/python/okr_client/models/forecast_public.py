from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.forecast_public_band_type_0 import ForecastPublicBandType0
from ..models.forecast_public_method import ForecastPublicMethod
from ..models.forecast_public_reason_type_0 import ForecastPublicReasonType0

T = TypeVar("T", bound="ForecastPublic")


@_attrs_define
class ForecastPublic:
    """A key result's most likely end-of-cycle score with an 80% interval (docs/forecast.md).

    When no forecast is given, `score`, `low`, `high` and `band` are null and `reason` says why.

        Attributes:
            method (ForecastPublicMethod):
            points_used (int): How many check-ins (distinct instants) were used.
            progress (float | None): Projected progress at the cycle's end, 0-1.
            score (float | None): Projected score (2 decimals).
            low (float | None): Lower end of the interval.
            high (float | None): Upper end of the interval.
            interval_level (float): Nominal coverage of the interval (0.80).
            band (ForecastPublicBandType0 | None): `on_track` from the sweet spot's lower bound up, `off_track` below the
                reconsider threshold, `at_risk` in between.
            reason (ForecastPublicReasonType0 | None): Why no forecast is given.
            reason_message (None | str):
    """

    method: ForecastPublicMethod
    points_used: int
    progress: float | None
    score: float | None
    low: float | None
    high: float | None
    interval_level: float
    band: ForecastPublicBandType0 | None
    reason: ForecastPublicReasonType0 | None
    reason_message: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        points_used = self.points_used

        progress: float | None
        progress = self.progress

        score: float | None
        score = self.score

        low: float | None
        low = self.low

        high: float | None
        high = self.high

        interval_level = self.interval_level

        band: None | str
        if isinstance(self.band, ForecastPublicBandType0):
            band = self.band.value
        else:
            band = self.band

        reason: None | str
        if isinstance(self.reason, ForecastPublicReasonType0):
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
                "progress": progress,
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
        method = ForecastPublicMethod(d.pop("method"))

        points_used = d.pop("points_used")

        def _parse_progress(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        progress = _parse_progress(d.pop("progress"))

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

        def _parse_band(data: object) -> ForecastPublicBandType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                band_type_0 = ForecastPublicBandType0(data)

                return band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ForecastPublicBandType0 | None, data)

        band = _parse_band(d.pop("band"))

        def _parse_reason(data: object) -> ForecastPublicReasonType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = ForecastPublicReasonType0(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ForecastPublicReasonType0 | None, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_reason_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason_message = _parse_reason_message(d.pop("reason_message"))

        forecast_public = cls(
            method=method,
            points_used=points_used,
            progress=progress,
            score=score,
            low=low,
            high=high,
            interval_level=interval_level,
            band=band,
            reason=reason,
            reason_message=reason_message,
        )

        forecast_public.additional_properties = d
        return forecast_public

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
