from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.forecast_summary_out_key_results import ForecastSummaryOutKeyResults
    from ..models.forecast_summary_out_objectives import ForecastSummaryOutObjectives


T = TypeVar("T", bound="ForecastSummaryOut")


@_attrs_define
class ForecastSummaryOut:
    """Forecast bands of agreed objectives and their KRs (docs/forecast.md).

    Attributes:
        key_results (ForecastSummaryOutKeyResults): KRs per band (`on_track`, `at_risk`, `off_track`) and `none` (no
            forecast).
        objectives (ForecastSummaryOutObjectives): Objectives per band of their forecast.
        off_track_key_result_ids (list[str]):
        at_risk_key_result_ids (list[str]):
    """

    key_results: ForecastSummaryOutKeyResults
    objectives: ForecastSummaryOutObjectives
    off_track_key_result_ids: list[str]
    at_risk_key_result_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_results = self.key_results.to_dict()

        objectives = self.objectives.to_dict()

        off_track_key_result_ids = self.off_track_key_result_ids

        at_risk_key_result_ids = self.at_risk_key_result_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_results": key_results,
                "objectives": objectives,
                "off_track_key_result_ids": off_track_key_result_ids,
                "at_risk_key_result_ids": at_risk_key_result_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.forecast_summary_out_key_results import (
            ForecastSummaryOutKeyResults,
        )
        from ..models.forecast_summary_out_objectives import (
            ForecastSummaryOutObjectives,
        )

        d = dict(src_dict)
        key_results = ForecastSummaryOutKeyResults.from_dict(d.pop("key_results"))

        objectives = ForecastSummaryOutObjectives.from_dict(d.pop("objectives"))

        off_track_key_result_ids = cast(list[str], d.pop("off_track_key_result_ids"))

        at_risk_key_result_ids = cast(list[str], d.pop("at_risk_key_result_ids"))

        forecast_summary_out = cls(
            key_results=key_results,
            objectives=objectives,
            off_track_key_result_ids=off_track_key_result_ids,
            at_risk_key_result_ids=at_risk_key_result_ids,
        )

        forecast_summary_out.additional_properties = d
        return forecast_summary_out

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
