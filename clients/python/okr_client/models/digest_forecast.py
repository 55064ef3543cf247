from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.digest_forecast_band_type_0 import DigestForecastBandType0

T = TypeVar("T", bound="DigestForecast")


@_attrs_define
class DigestForecast:
    """The KR's end-of-cycle forecast from the points known at the week's end, with its 80%
    interval and band (docs/forecast.md); no score when there is none (``reason`` says why).

        Attributes:
            method (str):
            score (float | None):
            low (float | None):
            high (float | None):
            band (DigestForecastBandType0 | None):
            reason (None | str):
    """

    method: str
    score: float | None
    low: float | None
    high: float | None
    band: DigestForecastBandType0 | None
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        score: float | None
        score = self.score

        low: float | None
        low = self.low

        high: float | None
        high = self.high

        band: None | str
        if isinstance(self.band, DigestForecastBandType0):
            band = self.band.value
        else:
            band = self.band

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "score": score,
                "low": low,
                "high": high,
                "band": band,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        method = d.pop("method")

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

        def _parse_band(data: object) -> DigestForecastBandType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                band_type_0 = DigestForecastBandType0(data)

                return band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DigestForecastBandType0 | None, data)

        band = _parse_band(d.pop("band"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        digest_forecast = cls(
            method=method,
            score=score,
            low=low,
            high=high,
            band=band,
            reason=reason,
        )

        digest_forecast.additional_properties = d
        return digest_forecast

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
