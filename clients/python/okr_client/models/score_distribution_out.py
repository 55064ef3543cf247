from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.score_distribution_out_grades import ScoreDistributionOutGrades


T = TypeVar("T", bound="ScoreDistributionOut")


@_attrs_define
class ScoreDistributionOut:
    """Scores of agreed objectives: count, mean, grades, sweet spot.

    Attributes:
        objectives (int):
        scored (int):
        mean (float | None):
        grades (ScoreDistributionOutGrades):
        in_sweet_spot (int):
        sweet_spot_share (float | None):
    """

    objectives: int
    scored: int
    mean: float | None
    grades: ScoreDistributionOutGrades
    in_sweet_spot: int
    sweet_spot_share: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objectives = self.objectives

        scored = self.scored

        mean: float | None
        mean = self.mean

        grades = self.grades.to_dict()

        in_sweet_spot = self.in_sweet_spot

        sweet_spot_share: float | None
        sweet_spot_share = self.sweet_spot_share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objectives": objectives,
                "scored": scored,
                "mean": mean,
                "grades": grades,
                "in_sweet_spot": in_sweet_spot,
                "sweet_spot_share": sweet_spot_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.score_distribution_out_grades import ScoreDistributionOutGrades

        d = dict(src_dict)
        objectives = d.pop("objectives")

        scored = d.pop("scored")

        def _parse_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean = _parse_mean(d.pop("mean"))

        grades = ScoreDistributionOutGrades.from_dict(d.pop("grades"))

        in_sweet_spot = d.pop("in_sweet_spot")

        def _parse_sweet_spot_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sweet_spot_share = _parse_sweet_spot_share(d.pop("sweet_spot_share"))

        score_distribution_out = cls(
            objectives=objectives,
            scored=scored,
            mean=mean,
            grades=grades,
            in_sweet_spot=in_sweet_spot,
            sweet_spot_share=sweet_spot_share,
        )

        score_distribution_out.additional_properties = d
        return score_distribution_out

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
