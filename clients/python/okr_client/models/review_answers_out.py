from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReviewAnswersOut")


@_attrs_define
class ReviewAnswersOut:
    """The five review questions (实施规范 6.4) as the owner answered them.

    Attributes:
        goal (str):
        results (str):
        measures (str):
        problems (str):
        lessons (str):
    """

    goal: str
    results: str
    measures: str
    problems: str
    lessons: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        results = self.results

        measures = self.measures

        problems = self.problems

        lessons = self.lessons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goal": goal,
                "results": results,
                "measures": measures,
                "problems": problems,
                "lessons": lessons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        goal = d.pop("goal")

        results = d.pop("results")

        measures = d.pop("measures")

        problems = d.pop("problems")

        lessons = d.pop("lessons")

        review_answers_out = cls(
            goal=goal,
            results=results,
            measures=measures,
            problems=problems,
            lessons=lessons,
        )

        review_answers_out.additional_properties = d
        return review_answers_out

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
