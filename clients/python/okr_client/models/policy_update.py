from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.policy_update_objective_numbers import PolicyUpdateObjectiveNumbers
from ..models.publish_on import PublishOn
from ..types import UNSET, Unset

T = TypeVar("T", bound="PolicyUpdate")


@_attrs_define
class PolicyUpdate:
    """Policy fields to change (omit the others); the result must be consistent as a whole.

    Attributes:
        max_objectives_per_owner (int | Unset):
        min_objectives_per_owner (int | Unset):
        max_key_results_per_objective (int | Unset):
        min_key_results_per_objective (int | Unset):
        recommended_min_key_results (int | Unset):
        weights_total (float | Unset):
        bottom_up_share_target (float | Unset):
        sweet_spot_low (float | Unset):
        sweet_spot_high (float | Unset):
        ambition_warning (float | Unset):
        reconsider_below (float | Unset):
        grade_excellent (float | Unset):
        grade_good (float | Unset):
        grade_fair (float | Unset):
        grade_pass (float | Unset):
        stale_after_days (int | Unset):
        deadline_reminder_days (int | Unset):
        at_risk_confidence (int | Unset):
        objective_numbers (PolicyUpdateObjectiveNumbers | Unset): OKR lint: `require` a number in objective titles,
            `forbid` one, or `any`.
        publish_on (PublishOn | Unset): When an objective becomes public (policy ``publish_on``, okr-domain §4): once
            ``agreed``
            (the default: 经确认后公示) or already once ``proposed``.
    """

    max_objectives_per_owner: int | Unset = UNSET
    min_objectives_per_owner: int | Unset = UNSET
    max_key_results_per_objective: int | Unset = UNSET
    min_key_results_per_objective: int | Unset = UNSET
    recommended_min_key_results: int | Unset = UNSET
    weights_total: float | Unset = UNSET
    bottom_up_share_target: float | Unset = UNSET
    sweet_spot_low: float | Unset = UNSET
    sweet_spot_high: float | Unset = UNSET
    ambition_warning: float | Unset = UNSET
    reconsider_below: float | Unset = UNSET
    grade_excellent: float | Unset = UNSET
    grade_good: float | Unset = UNSET
    grade_fair: float | Unset = UNSET
    grade_pass: float | Unset = UNSET
    stale_after_days: int | Unset = UNSET
    deadline_reminder_days: int | Unset = UNSET
    at_risk_confidence: int | Unset = UNSET
    objective_numbers: PolicyUpdateObjectiveNumbers | Unset = UNSET
    publish_on: PublishOn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        max_objectives_per_owner = self.max_objectives_per_owner

        min_objectives_per_owner = self.min_objectives_per_owner

        max_key_results_per_objective = self.max_key_results_per_objective

        min_key_results_per_objective = self.min_key_results_per_objective

        recommended_min_key_results = self.recommended_min_key_results

        weights_total = self.weights_total

        bottom_up_share_target = self.bottom_up_share_target

        sweet_spot_low = self.sweet_spot_low

        sweet_spot_high = self.sweet_spot_high

        ambition_warning = self.ambition_warning

        reconsider_below = self.reconsider_below

        grade_excellent = self.grade_excellent

        grade_good = self.grade_good

        grade_fair = self.grade_fair

        grade_pass = self.grade_pass

        stale_after_days = self.stale_after_days

        deadline_reminder_days = self.deadline_reminder_days

        at_risk_confidence = self.at_risk_confidence

        objective_numbers: str | Unset = UNSET
        if not isinstance(self.objective_numbers, Unset):
            objective_numbers = self.objective_numbers.value

        publish_on: str | Unset = UNSET
        if not isinstance(self.publish_on, Unset):
            publish_on = self.publish_on.value

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
        if deadline_reminder_days is not UNSET:
            field_dict["deadline_reminder_days"] = deadline_reminder_days
        if at_risk_confidence is not UNSET:
            field_dict["at_risk_confidence"] = at_risk_confidence
        if objective_numbers is not UNSET:
            field_dict["objective_numbers"] = objective_numbers
        if publish_on is not UNSET:
            field_dict["publish_on"] = publish_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_objectives_per_owner = d.pop("max_objectives_per_owner", UNSET)

        min_objectives_per_owner = d.pop("min_objectives_per_owner", UNSET)

        max_key_results_per_objective = d.pop("max_key_results_per_objective", UNSET)

        min_key_results_per_objective = d.pop("min_key_results_per_objective", UNSET)

        recommended_min_key_results = d.pop("recommended_min_key_results", UNSET)

        weights_total = d.pop("weights_total", UNSET)

        bottom_up_share_target = d.pop("bottom_up_share_target", UNSET)

        sweet_spot_low = d.pop("sweet_spot_low", UNSET)

        sweet_spot_high = d.pop("sweet_spot_high", UNSET)

        ambition_warning = d.pop("ambition_warning", UNSET)

        reconsider_below = d.pop("reconsider_below", UNSET)

        grade_excellent = d.pop("grade_excellent", UNSET)

        grade_good = d.pop("grade_good", UNSET)

        grade_fair = d.pop("grade_fair", UNSET)

        grade_pass = d.pop("grade_pass", UNSET)

        stale_after_days = d.pop("stale_after_days", UNSET)

        deadline_reminder_days = d.pop("deadline_reminder_days", UNSET)

        at_risk_confidence = d.pop("at_risk_confidence", UNSET)

        _objective_numbers = d.pop("objective_numbers", UNSET)
        objective_numbers: PolicyUpdateObjectiveNumbers | Unset
        if isinstance(_objective_numbers, Unset):
            objective_numbers = UNSET
        else:
            objective_numbers = PolicyUpdateObjectiveNumbers(_objective_numbers)

        _publish_on = d.pop("publish_on", UNSET)
        publish_on: PublishOn | Unset
        if isinstance(_publish_on, Unset):
            publish_on = UNSET
        else:
            publish_on = PublishOn(_publish_on)

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
            deadline_reminder_days=deadline_reminder_days,
            at_risk_confidence=at_risk_confidence,
            objective_numbers=objective_numbers,
            publish_on=publish_on,
        )

        return policy_update
