from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PolicyUpdate")


@_attrs_define
class PolicyUpdate:
    """Fields of the policy to change; the result must be consistent as a whole.

    Attributes:
        max_objectives_per_owner (int | None | Unset):
        min_objectives_per_owner (int | None | Unset):
        max_key_results_per_objective (int | None | Unset):
        min_key_results_per_objective (int | None | Unset):
        recommended_min_key_results (int | None | Unset):
        weights_total (float | None | Unset):
        bottom_up_share_target (float | None | Unset):
        sweet_spot_low (float | None | Unset):
        sweet_spot_high (float | None | Unset):
        ambition_warning (float | None | Unset):
        reconsider_below (float | None | Unset):
        grade_excellent (float | None | Unset):
        grade_good (float | None | Unset):
        grade_fair (float | None | Unset):
        grade_pass (float | None | Unset):
        stale_after_days (int | None | Unset):
    """

    max_objectives_per_owner: int | None | Unset = UNSET
    min_objectives_per_owner: int | None | Unset = UNSET
    max_key_results_per_objective: int | None | Unset = UNSET
    min_key_results_per_objective: int | None | Unset = UNSET
    recommended_min_key_results: int | None | Unset = UNSET
    weights_total: float | None | Unset = UNSET
    bottom_up_share_target: float | None | Unset = UNSET
    sweet_spot_low: float | None | Unset = UNSET
    sweet_spot_high: float | None | Unset = UNSET
    ambition_warning: float | None | Unset = UNSET
    reconsider_below: float | None | Unset = UNSET
    grade_excellent: float | None | Unset = UNSET
    grade_good: float | None | Unset = UNSET
    grade_fair: float | None | Unset = UNSET
    grade_pass: float | None | Unset = UNSET
    stale_after_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        max_objectives_per_owner: int | None | Unset
        if isinstance(self.max_objectives_per_owner, Unset):
            max_objectives_per_owner = UNSET
        else:
            max_objectives_per_owner = self.max_objectives_per_owner

        min_objectives_per_owner: int | None | Unset
        if isinstance(self.min_objectives_per_owner, Unset):
            min_objectives_per_owner = UNSET
        else:
            min_objectives_per_owner = self.min_objectives_per_owner

        max_key_results_per_objective: int | None | Unset
        if isinstance(self.max_key_results_per_objective, Unset):
            max_key_results_per_objective = UNSET
        else:
            max_key_results_per_objective = self.max_key_results_per_objective

        min_key_results_per_objective: int | None | Unset
        if isinstance(self.min_key_results_per_objective, Unset):
            min_key_results_per_objective = UNSET
        else:
            min_key_results_per_objective = self.min_key_results_per_objective

        recommended_min_key_results: int | None | Unset
        if isinstance(self.recommended_min_key_results, Unset):
            recommended_min_key_results = UNSET
        else:
            recommended_min_key_results = self.recommended_min_key_results

        weights_total: float | None | Unset
        if isinstance(self.weights_total, Unset):
            weights_total = UNSET
        else:
            weights_total = self.weights_total

        bottom_up_share_target: float | None | Unset
        if isinstance(self.bottom_up_share_target, Unset):
            bottom_up_share_target = UNSET
        else:
            bottom_up_share_target = self.bottom_up_share_target

        sweet_spot_low: float | None | Unset
        if isinstance(self.sweet_spot_low, Unset):
            sweet_spot_low = UNSET
        else:
            sweet_spot_low = self.sweet_spot_low

        sweet_spot_high: float | None | Unset
        if isinstance(self.sweet_spot_high, Unset):
            sweet_spot_high = UNSET
        else:
            sweet_spot_high = self.sweet_spot_high

        ambition_warning: float | None | Unset
        if isinstance(self.ambition_warning, Unset):
            ambition_warning = UNSET
        else:
            ambition_warning = self.ambition_warning

        reconsider_below: float | None | Unset
        if isinstance(self.reconsider_below, Unset):
            reconsider_below = UNSET
        else:
            reconsider_below = self.reconsider_below

        grade_excellent: float | None | Unset
        if isinstance(self.grade_excellent, Unset):
            grade_excellent = UNSET
        else:
            grade_excellent = self.grade_excellent

        grade_good: float | None | Unset
        if isinstance(self.grade_good, Unset):
            grade_good = UNSET
        else:
            grade_good = self.grade_good

        grade_fair: float | None | Unset
        if isinstance(self.grade_fair, Unset):
            grade_fair = UNSET
        else:
            grade_fair = self.grade_fair

        grade_pass: float | None | Unset
        if isinstance(self.grade_pass, Unset):
            grade_pass = UNSET
        else:
            grade_pass = self.grade_pass

        stale_after_days: int | None | Unset
        if isinstance(self.stale_after_days, Unset):
            stale_after_days = UNSET
        else:
            stale_after_days = self.stale_after_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if max_objectives_per_owner is not UNSET:
            field_dict["max_objectives_per_owner"] = max_objectives_per_owner
        if min_objectives_per_owner is not UNSET:
            field_dict["min_objectives_per_owner"] = min_objectives_per_owner
        if max_key_results_per_objective is not UNSET:
            field_dict["max_key_results_per_objective"] = max_key_results_per_objective
        if min_key_results_per_objective is not UNSET:
            field_dict["min_key_results_per_objective"] = min_key_results_per_objective
        if recommended_min_key_results is not UNSET:
            field_dict["recommended_min_key_results"] = recommended_min_key_results
        if weights_total is not UNSET:
            field_dict["weights_total"] = weights_total
        if bottom_up_share_target is not UNSET:
            field_dict["bottom_up_share_target"] = bottom_up_share_target
        if sweet_spot_low is not UNSET:
            field_dict["sweet_spot_low"] = sweet_spot_low
        if sweet_spot_high is not UNSET:
            field_dict["sweet_spot_high"] = sweet_spot_high
        if ambition_warning is not UNSET:
            field_dict["ambition_warning"] = ambition_warning
        if reconsider_below is not UNSET:
            field_dict["reconsider_below"] = reconsider_below
        if grade_excellent is not UNSET:
            field_dict["grade_excellent"] = grade_excellent
        if grade_good is not UNSET:
            field_dict["grade_good"] = grade_good
        if grade_fair is not UNSET:
            field_dict["grade_fair"] = grade_fair
        if grade_pass is not UNSET:
            field_dict["grade_pass"] = grade_pass
        if stale_after_days is not UNSET:
            field_dict["stale_after_days"] = stale_after_days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_max_objectives_per_owner(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_objectives_per_owner = _parse_max_objectives_per_owner(
            d.pop("max_objectives_per_owner", UNSET)
        )

        def _parse_min_objectives_per_owner(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_objectives_per_owner = _parse_min_objectives_per_owner(
            d.pop("min_objectives_per_owner", UNSET)
        )

        def _parse_max_key_results_per_objective(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_key_results_per_objective = _parse_max_key_results_per_objective(
            d.pop("max_key_results_per_objective", UNSET)
        )

        def _parse_min_key_results_per_objective(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_key_results_per_objective = _parse_min_key_results_per_objective(
            d.pop("min_key_results_per_objective", UNSET)
        )

        def _parse_recommended_min_key_results(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        recommended_min_key_results = _parse_recommended_min_key_results(
            d.pop("recommended_min_key_results", UNSET)
        )

        def _parse_weights_total(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        weights_total = _parse_weights_total(d.pop("weights_total", UNSET))

        def _parse_bottom_up_share_target(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        bottom_up_share_target = _parse_bottom_up_share_target(
            d.pop("bottom_up_share_target", UNSET)
        )

        def _parse_sweet_spot_low(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sweet_spot_low = _parse_sweet_spot_low(d.pop("sweet_spot_low", UNSET))

        def _parse_sweet_spot_high(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sweet_spot_high = _parse_sweet_spot_high(d.pop("sweet_spot_high", UNSET))

        def _parse_ambition_warning(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ambition_warning = _parse_ambition_warning(d.pop("ambition_warning", UNSET))

        def _parse_reconsider_below(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        reconsider_below = _parse_reconsider_below(d.pop("reconsider_below", UNSET))

        def _parse_grade_excellent(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        grade_excellent = _parse_grade_excellent(d.pop("grade_excellent", UNSET))

        def _parse_grade_good(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        grade_good = _parse_grade_good(d.pop("grade_good", UNSET))

        def _parse_grade_fair(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        grade_fair = _parse_grade_fair(d.pop("grade_fair", UNSET))

        def _parse_grade_pass(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        grade_pass = _parse_grade_pass(d.pop("grade_pass", UNSET))

        def _parse_stale_after_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stale_after_days = _parse_stale_after_days(d.pop("stale_after_days", UNSET))

        policy_update = cls(
            max_objectives_per_owner=max_objectives_per_owner,
            min_objectives_per_owner=min_objectives_per_owner,
            max_key_results_per_objective=max_key_results_per_objective,
            min_key_results_per_objective=min_key_results_per_objective,
            recommended_min_key_results=recommended_min_key_results,
            weights_total=weights_total,
            bottom_up_share_target=bottom_up_share_target,
            sweet_spot_low=sweet_spot_low,
            sweet_spot_high=sweet_spot_high,
            ambition_warning=ambition_warning,
            reconsider_below=reconsider_below,
            grade_excellent=grade_excellent,
            grade_good=grade_good,
            grade_fair=grade_fair,
            grade_pass=grade_pass,
            stale_after_days=stale_after_days,
        )

        return policy_update
