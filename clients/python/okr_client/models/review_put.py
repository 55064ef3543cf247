from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.follow_up_in import FollowUpIn
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
        follow_ups (list[FollowUpIn] | None | Unset): Follow-up actions; omitted keeps those written before, a list
            replaces them.
    """

    achieved: bool | None | Unset = UNSET
    goal: str | Unset = ""
    results: str | Unset = ""
    measures: str | Unset = ""
    problems: str | Unset = ""
    lessons: str | Unset = ""
    key_results: list[ReviewKeyResultIn] | Unset = UNSET
    follow_ups: list[FollowUpIn] | None | Unset = UNSET

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

        follow_ups: list[dict[str, Any]] | None | Unset
        if isinstance(self.follow_ups, Unset):
            follow_ups = UNSET
        elif isinstance(self.follow_ups, list):
            follow_ups = []
            for follow_ups_type_0_item_data in self.follow_ups:
                follow_ups_type_0_item = follow_ups_type_0_item_data.to_dict()
                follow_ups.append(follow_ups_type_0_item)

        else:
            follow_ups = self.follow_ups

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
        if follow_ups is not UNSET:
            field_dict["follow_ups"] = follow_ups

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.follow_up_in import FollowUpIn
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

        def _parse_follow_ups(data: object) -> list[FollowUpIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                follow_ups_type_0 = []
                _follow_ups_type_0 = data
                for follow_ups_type_0_item_data in _follow_ups_type_0:
                    follow_ups_type_0_item = FollowUpIn.from_dict(
                        follow_ups_type_0_item_data
                    )

                    follow_ups_type_0.append(follow_ups_type_0_item)

                return follow_ups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FollowUpIn] | None | Unset, data)

        follow_ups = _parse_follow_ups(d.pop("follow_ups", UNSET))

        review_put = cls(
            achieved=achieved,
            goal=goal,
            results=results,
            measures=measures,
            problems=problems,
            lessons=lessons,
            key_results=key_results,
            follow_ups=follow_ups,
        )

        return review_put
