from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bottom_up_out import BottomUpOut
    from ..models.confidence_point_out import ConfidencePointOut
    from ..models.coverage_out import CoverageOut
    from ..models.follow_up_out import FollowUpOut
    from ..models.forecast_summary_out import ForecastSummaryOut
    from ..models.owner_load_out import OwnerLoadOut
    from ..models.owner_ref import OwnerRef
    from ..models.review_completion_out import ReviewCompletionOut
    from ..models.score_distribution_out import ScoreDistributionOut
    from ..models.stale_key_result_out import StaleKeyResultOut


T = TypeVar("T", bound="CycleReport")


@_attrs_define
class CycleReport:
    """The reports of one cycle, for the whole organisation or one unit and its descendants.

    Attributes:
        cycle_id (str):
        unit_id (None | str):
        as_of (datetime.date):
        objectives (int): Objectives of the cycle in scope, cancelled included.
        objectives_per_owner (list[OwnerLoadOut]):
        scores (ScoreDistributionOut): Scores of agreed objectives: count, mean, grades, sweet spot.
        bottom_up (BottomUpOut): Share of live objectives that originate bottom-up, against the policy's target.
        alignment_coverage (CoverageOut): Share of live non-company objectives aligned upward.
        stale_key_results (list[StaleKeyResultOut]): Only while the cycle is active; KRs of agreed objectives.
        owners_without_agreed_okrs (list[OwnerRef]): Once the planning deadline has passed: owners in scope with nothing
            agreed.
        confidence_trend (list[ConfidencePointOut]):
        review_completion (ReviewCompletionOut): Reviews of agreed objectives: missing, drafted, submitted, confirmed.
        forecast (ForecastSummaryOut): Forecast bands of agreed objectives and their KRs (docs/forecast.md).
        open_follow_ups (list[FollowUpOut]): Follow-up actions of earlier reviews carried into this cycle, still open.
    """

    cycle_id: str
    unit_id: None | str
    as_of: datetime.date
    objectives: int
    objectives_per_owner: list[OwnerLoadOut]
    scores: ScoreDistributionOut
    bottom_up: BottomUpOut
    alignment_coverage: CoverageOut
    stale_key_results: list[StaleKeyResultOut]
    owners_without_agreed_okrs: list[OwnerRef]
    confidence_trend: list[ConfidencePointOut]
    review_completion: ReviewCompletionOut
    forecast: ForecastSummaryOut
    open_follow_ups: list[FollowUpOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycle_id = self.cycle_id

        unit_id: None | str
        unit_id = self.unit_id

        as_of = self.as_of.isoformat()

        objectives = self.objectives

        objectives_per_owner = []
        for objectives_per_owner_item_data in self.objectives_per_owner:
            objectives_per_owner_item = objectives_per_owner_item_data.to_dict()
            objectives_per_owner.append(objectives_per_owner_item)

        scores = self.scores.to_dict()

        bottom_up = self.bottom_up.to_dict()

        alignment_coverage = self.alignment_coverage.to_dict()

        stale_key_results = []
        for stale_key_results_item_data in self.stale_key_results:
            stale_key_results_item = stale_key_results_item_data.to_dict()
            stale_key_results.append(stale_key_results_item)

        owners_without_agreed_okrs = []
        for owners_without_agreed_okrs_item_data in self.owners_without_agreed_okrs:
            owners_without_agreed_okrs_item = (
                owners_without_agreed_okrs_item_data.to_dict()
            )
            owners_without_agreed_okrs.append(owners_without_agreed_okrs_item)

        confidence_trend = []
        for confidence_trend_item_data in self.confidence_trend:
            confidence_trend_item = confidence_trend_item_data.to_dict()
            confidence_trend.append(confidence_trend_item)

        review_completion = self.review_completion.to_dict()

        forecast = self.forecast.to_dict()

        open_follow_ups = []
        for open_follow_ups_item_data in self.open_follow_ups:
            open_follow_ups_item = open_follow_ups_item_data.to_dict()
            open_follow_ups.append(open_follow_ups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycle_id": cycle_id,
                "unit_id": unit_id,
                "as_of": as_of,
                "objectives": objectives,
                "objectives_per_owner": objectives_per_owner,
                "scores": scores,
                "bottom_up": bottom_up,
                "alignment_coverage": alignment_coverage,
                "stale_key_results": stale_key_results,
                "owners_without_agreed_okrs": owners_without_agreed_okrs,
                "confidence_trend": confidence_trend,
                "review_completion": review_completion,
                "forecast": forecast,
                "open_follow_ups": open_follow_ups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bottom_up_out import BottomUpOut
        from ..models.confidence_point_out import ConfidencePointOut
        from ..models.coverage_out import CoverageOut
        from ..models.follow_up_out import FollowUpOut
        from ..models.forecast_summary_out import ForecastSummaryOut
        from ..models.owner_load_out import OwnerLoadOut
        from ..models.owner_ref import OwnerRef
        from ..models.review_completion_out import ReviewCompletionOut
        from ..models.score_distribution_out import ScoreDistributionOut
        from ..models.stale_key_result_out import StaleKeyResultOut

        d = dict(src_dict)
        cycle_id = d.pop("cycle_id")

        def _parse_unit_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit_id = _parse_unit_id(d.pop("unit_id"))

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        objectives = d.pop("objectives")

        objectives_per_owner = []
        _objectives_per_owner = d.pop("objectives_per_owner")
        for objectives_per_owner_item_data in _objectives_per_owner:
            objectives_per_owner_item = OwnerLoadOut.from_dict(
                objectives_per_owner_item_data
            )

            objectives_per_owner.append(objectives_per_owner_item)

        scores = ScoreDistributionOut.from_dict(d.pop("scores"))

        bottom_up = BottomUpOut.from_dict(d.pop("bottom_up"))

        alignment_coverage = CoverageOut.from_dict(d.pop("alignment_coverage"))

        stale_key_results = []
        _stale_key_results = d.pop("stale_key_results")
        for stale_key_results_item_data in _stale_key_results:
            stale_key_results_item = StaleKeyResultOut.from_dict(
                stale_key_results_item_data
            )

            stale_key_results.append(stale_key_results_item)

        owners_without_agreed_okrs = []
        _owners_without_agreed_okrs = d.pop("owners_without_agreed_okrs")
        for owners_without_agreed_okrs_item_data in _owners_without_agreed_okrs:
            owners_without_agreed_okrs_item = OwnerRef.from_dict(
                owners_without_agreed_okrs_item_data
            )

            owners_without_agreed_okrs.append(owners_without_agreed_okrs_item)

        confidence_trend = []
        _confidence_trend = d.pop("confidence_trend")
        for confidence_trend_item_data in _confidence_trend:
            confidence_trend_item = ConfidencePointOut.from_dict(
                confidence_trend_item_data
            )

            confidence_trend.append(confidence_trend_item)

        review_completion = ReviewCompletionOut.from_dict(d.pop("review_completion"))

        forecast = ForecastSummaryOut.from_dict(d.pop("forecast"))

        open_follow_ups = []
        _open_follow_ups = d.pop("open_follow_ups")
        for open_follow_ups_item_data in _open_follow_ups:
            open_follow_ups_item = FollowUpOut.from_dict(open_follow_ups_item_data)

            open_follow_ups.append(open_follow_ups_item)

        cycle_report = cls(
            cycle_id=cycle_id,
            unit_id=unit_id,
            as_of=as_of,
            objectives=objectives,
            objectives_per_owner=objectives_per_owner,
            scores=scores,
            bottom_up=bottom_up,
            alignment_coverage=alignment_coverage,
            stale_key_results=stale_key_results,
            owners_without_agreed_okrs=owners_without_agreed_okrs,
            confidence_trend=confidence_trend,
            review_completion=review_completion,
            forecast=forecast,
            open_follow_ups=open_follow_ups,
        )

        cycle_report.additional_properties = d
        return cycle_report

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
