from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review_key_result_in import ReviewKeyResultIn


T = TypeVar("T", bound="ReviewPut")


@_attrs_define
class ReviewPut:
    """The whole draft review: omitted answers are blank, omitted KRs keep the computed score.

    Attributes:
        achieved (bool | None | Unset): Whether the objective was achieved.
        goal (str | Unset): What the goal was, and why. Default: ''.
        results (str | Unset): Did results reach a reasonable level; the deviation; plan changes. Default: ''.
        measures (str | Unset): How effective the measures were. Default: ''.
        problems (str | Unset): What problems arose, how they were solved. Default: ''.
        lessons (str | Unset): Lessons, next steps, self-evaluation. Default: ''.
        key_results (list[ReviewKeyResultIn] | Unset):
    """

    achieved: bool | None | Unset = UNSET
    goal: str | Unset = ""
    results: str | Unset = ""
    measures: str | Unset = ""
    problems: str | Unset = ""
    lessons: str | Unset = ""
    key_results: list[ReviewKeyResultIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        achieved: bool | None | Unset
        if isinstance(self.achieved, Unset):
            achieved = UNSET
        else:
            achieved = self.achieved

        goal = self.goal

        results = self.results

        measures = self.measures

        problems = self.problems

        lessons = self.lessons

        key_results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.key_results, Unset):
            key_results = []
            for key_results_item_data in self.key_results:
                key_results_item = key_results_item_data.to_dict()
                key_results.append(key_results_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if achieved is not UNSET:
            field_dict["achieved"] = achieved
        if goal is not UNSET:
            field_dict["goal"] = goal
        if results is not UNSET:
            field_dict["results"] = results
        if measures is not UNSET:
            field_dict["measures"] = measures
        if problems is not UNSET:
            field_dict["problems"] = problems
        if lessons is not UNSET:
            field_dict["lessons"] = lessons
        if key_results is not UNSET:
            field_dict["key_results"] = key_results

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.review_key_result_in import ReviewKeyResultIn

        d = dict(src_dict)

        def _parse_achieved(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        achieved = _parse_achieved(d.pop("achieved", UNSET))

        goal = d.pop("goal", UNSET)

        results = d.pop("results", UNSET)

        measures = d.pop("measures", UNSET)

        problems = d.pop("problems", UNSET)

        lessons = d.pop("lessons", UNSET)

        _key_results = d.pop("key_results", UNSET)
        key_results: list[ReviewKeyResultIn] | Unset = UNSET
        if _key_results is not UNSET:
            key_results = []
            for key_results_item_data in _key_results:
                key_results_item = ReviewKeyResultIn.from_dict(key_results_item_data)

                key_results.append(key_results_item)

        review_put = cls(
            achieved=achieved,
            goal=goal,
            results=results,
            measures=measures,
            problems=problems,
            lessons=lessons,
            key_results=key_results,
        )

        return review_put
