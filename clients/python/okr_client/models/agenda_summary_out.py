from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agenda_summary_out_flagged import AgendaSummaryOutFlagged
    from ..models.agenda_summary_out_grades import AgendaSummaryOutGrades


T = TypeVar("T", bound="AgendaSummaryOut")


@_attrs_define
class AgendaSummaryOut:
    """The figures of the agenda.

    Attributes:
        objectives (int):
        reviews_missing (int):
        reviews_draft (int):
        reviews_submitted (int):
        reviews_confirmed (int):
        mean_score (float | None):
        grades (AgendaSummaryOutGrades):
        flagged (AgendaSummaryOutFlagged):
    """

    objectives: int
    reviews_missing: int
    reviews_draft: int
    reviews_submitted: int
    reviews_confirmed: int
    mean_score: float | None
    grades: AgendaSummaryOutGrades
    flagged: AgendaSummaryOutFlagged
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objectives = self.objectives

        reviews_missing = self.reviews_missing

        reviews_draft = self.reviews_draft

        reviews_submitted = self.reviews_submitted

        reviews_confirmed = self.reviews_confirmed

        mean_score: float | None
        mean_score = self.mean_score

        grades = self.grades.to_dict()

        flagged = self.flagged.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objectives": objectives,
                "reviews_missing": reviews_missing,
                "reviews_draft": reviews_draft,
                "reviews_submitted": reviews_submitted,
                "reviews_confirmed": reviews_confirmed,
                "mean_score": mean_score,
                "grades": grades,
                "flagged": flagged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agenda_summary_out_flagged import AgendaSummaryOutFlagged
        from ..models.agenda_summary_out_grades import AgendaSummaryOutGrades

        d = dict(src_dict)
        objectives = d.pop("objectives")

        reviews_missing = d.pop("reviews_missing")

        reviews_draft = d.pop("reviews_draft")

        reviews_submitted = d.pop("reviews_submitted")

        reviews_confirmed = d.pop("reviews_confirmed")

        def _parse_mean_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_score = _parse_mean_score(d.pop("mean_score"))

        grades = AgendaSummaryOutGrades.from_dict(d.pop("grades"))

        flagged = AgendaSummaryOutFlagged.from_dict(d.pop("flagged"))

        agenda_summary_out = cls(
            objectives=objectives,
            reviews_missing=reviews_missing,
            reviews_draft=reviews_draft,
            reviews_submitted=reviews_submitted,
            reviews_confirmed=reviews_confirmed,
            mean_score=mean_score,
            grades=grades,
            flagged=flagged,
        )

        agenda_summary_out.additional_properties = d
        return agenda_summary_out

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
