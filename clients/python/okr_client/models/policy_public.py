from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.policy_public_objective_numbers import PolicyPublicObjectiveNumbers
from ..models.publish_on import PublishOn

T = TypeVar("T", bound="PolicyPublic")


@_attrs_define
class PolicyPublic:
    """The organisation's OKR policy (okr-domain.md §2).

    Attributes:
        max_objectives_per_owner (int):
        min_objectives_per_owner (int):
        max_key_results_per_objective (int):
        min_key_results_per_objective (int):
        recommended_min_key_results (int):
        weights_total (float):
        bottom_up_share_target (float):
        sweet_spot_low (float):
        sweet_spot_high (float):
        ambition_warning (float):
        reconsider_below (float):
        grade_excellent (float):
        grade_good (float):
        grade_fair (float):
        grade_pass (float):
        stale_after_days (int):
        deadline_reminder_days (int):
        at_risk_confidence (int):
        objective_numbers (PolicyPublicObjectiveNumbers): OKR lint: `require` a number in objective titles, `forbid`
            one, or `any`.
        publish_on (PublishOn): When an objective becomes public (policy ``publish_on``, okr-domain §4): once ``agreed``
            (the default: 经确认后公示) or already once ``proposed``.
        version (int):
    """

    max_objectives_per_owner: int
    min_objectives_per_owner: int
    max_key_results_per_objective: int
    min_key_results_per_objective: int
    recommended_min_key_results: int
    weights_total: float
    bottom_up_share_target: float
    sweet_spot_low: float
    sweet_spot_high: float
    ambition_warning: float
    reconsider_below: float
    grade_excellent: float
    grade_good: float
    grade_fair: float
    grade_pass: float
    stale_after_days: int
    deadline_reminder_days: int
    at_risk_confidence: int
    objective_numbers: PolicyPublicObjectiveNumbers
    publish_on: PublishOn
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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

        objective_numbers = self.objective_numbers.value

        publish_on = self.publish_on.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_objectives_per_owner": max_objectives_per_owner,
                "min_objectives_per_owner": min_objectives_per_owner,
                "max_key_results_per_objective": max_key_results_per_objective,
                "min_key_results_per_objective": min_key_results_per_objective,
                "recommended_min_key_results": recommended_min_key_results,
                "weights_total": weights_total,
                "bottom_up_share_target": bottom_up_share_target,
                "sweet_spot_low": sweet_spot_low,
                "sweet_spot_high": sweet_spot_high,
                "ambition_warning": ambition_warning,
                "reconsider_below": reconsider_below,
                "grade_excellent": grade_excellent,
                "grade_good": grade_good,
                "grade_fair": grade_fair,
                "grade_pass": grade_pass,
                "stale_after_days": stale_after_days,
                "deadline_reminder_days": deadline_reminder_days,
                "at_risk_confidence": at_risk_confidence,
                "objective_numbers": objective_numbers,
                "publish_on": publish_on,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_objectives_per_owner = d.pop("max_objectives_per_owner")

        min_objectives_per_owner = d.pop("min_objectives_per_owner")

        max_key_results_per_objective = d.pop("max_key_results_per_objective")

        min_key_results_per_objective = d.pop("min_key_results_per_objective")

        recommended_min_key_results = d.pop("recommended_min_key_results")

        weights_total = d.pop("weights_total")

        bottom_up_share_target = d.pop("bottom_up_share_target")

        sweet_spot_low = d.pop("sweet_spot_low")

        sweet_spot_high = d.pop("sweet_spot_high")

        ambition_warning = d.pop("ambition_warning")

        reconsider_below = d.pop("reconsider_below")

        grade_excellent = d.pop("grade_excellent")

        grade_good = d.pop("grade_good")

        grade_fair = d.pop("grade_fair")

        grade_pass = d.pop("grade_pass")

        stale_after_days = d.pop("stale_after_days")

        deadline_reminder_days = d.pop("deadline_reminder_days")

        at_risk_confidence = d.pop("at_risk_confidence")

        objective_numbers = PolicyPublicObjectiveNumbers(d.pop("objective_numbers"))

        publish_on = PublishOn(d.pop("publish_on"))

        version = d.pop("version")

        policy_public = cls(
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
            version=version,
        )

        policy_public.additional_properties = d
        return policy_public

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
