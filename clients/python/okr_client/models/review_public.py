from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grade import Grade
from ..models.review_flag import ReviewFlag
from ..models.review_state import ReviewState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.follow_up_public import FollowUpPublic
    from ..models.review_key_result_public import ReviewKeyResultPublic


T = TypeVar("T", bound="ReviewPublic")


@_attrs_define
class ReviewPublic:
    """The end-of-cycle review of one objective, with its final scores, grade and flags.

    While the review is a draft its computed scores follow the key results; submitting freezes them.

        Attributes:
            id (str):
            objective_id (str):
            cycle_id (str):
            state (ReviewState): End-of-cycle review lifecycle: draft -> submitted -> confirmed, submitted -> draft.
            achieved (bool | None):
            goal (str):
            results (str):
            measures (str):
            problems (str):
            lessons (str):
            key_results (list[ReviewKeyResultPublic]):
            score (float | None):
            grade (Grade | None):
            flags (list[ReviewFlag]):
            return_reason (None | str):
            submitted_at (datetime.datetime | None):
            confirmed_at (datetime.datetime | None):
            confirmed_by_id (None | str):
            confirm_note (None | str):
            confirmed_score (float | None): The objective score from the confirmed KR scores (null until confirmed); reports
                and exports use it.
            confirmed_grade (Grade | None):
            confirmed_flags (list[ReviewFlag] | None):
            version (int):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            follow_ups (list[FollowUpPublic] | Unset):
    """

    id: str
    objective_id: str
    cycle_id: str
    state: ReviewState
    achieved: bool | None
    goal: str
    results: str
    measures: str
    problems: str
    lessons: str
    key_results: list[ReviewKeyResultPublic]
    score: float | None
    grade: Grade | None
    flags: list[ReviewFlag]
    return_reason: None | str
    submitted_at: datetime.datetime | None
    confirmed_at: datetime.datetime | None
    confirmed_by_id: None | str
    confirm_note: None | str
    confirmed_score: float | None
    confirmed_grade: Grade | None
    confirmed_flags: list[ReviewFlag] | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    follow_ups: list[FollowUpPublic] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        objective_id = self.objective_id

        cycle_id = self.cycle_id

        state = self.state.value

        achieved: bool | None
        achieved = self.achieved

        goal = self.goal

        results = self.results

        measures = self.measures

        problems = self.problems

        lessons = self.lessons

        key_results = []
        for key_results_item_data in self.key_results:
            key_results_item = key_results_item_data.to_dict()
            key_results.append(key_results_item)

        score: float | None
        score = self.score

        grade: None | str
        if isinstance(self.grade, Grade):
            grade = self.grade.value
        else:
            grade = self.grade

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)

        return_reason: None | str
        return_reason = self.return_reason

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        confirmed_by_id: None | str
        confirmed_by_id = self.confirmed_by_id

        confirm_note: None | str
        confirm_note = self.confirm_note

        confirmed_score: float | None
        confirmed_score = self.confirmed_score

        confirmed_grade: None | str
        if isinstance(self.confirmed_grade, Grade):
            confirmed_grade = self.confirmed_grade.value
        else:
            confirmed_grade = self.confirmed_grade

        confirmed_flags: list[str] | None
        if isinstance(self.confirmed_flags, list):
            confirmed_flags = []
            for confirmed_flags_type_0_item_data in self.confirmed_flags:
                confirmed_flags_type_0_item = confirmed_flags_type_0_item_data.value
                confirmed_flags.append(confirmed_flags_type_0_item)

        else:
            confirmed_flags = self.confirmed_flags

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        follow_ups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.follow_ups, Unset):
            follow_ups = []
            for follow_ups_item_data in self.follow_ups:
                follow_ups_item = follow_ups_item_data.to_dict()
                follow_ups.append(follow_ups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "objective_id": objective_id,
                "cycle_id": cycle_id,
                "state": state,
                "achieved": achieved,
                "goal": goal,
                "results": results,
                "measures": measures,
                "problems": problems,
                "lessons": lessons,
                "key_results": key_results,
                "score": score,
                "grade": grade,
                "flags": flags,
                "return_reason": return_reason,
                "submitted_at": submitted_at,
                "confirmed_at": confirmed_at,
                "confirmed_by_id": confirmed_by_id,
                "confirm_note": confirm_note,
                "confirmed_score": confirmed_score,
                "confirmed_grade": confirmed_grade,
                "confirmed_flags": confirmed_flags,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if follow_ups is not UNSET:
            field_dict["follow_ups"] = follow_ups

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.follow_up_public import FollowUpPublic
        from ..models.review_key_result_public import ReviewKeyResultPublic

        d = dict(src_dict)
        id = d.pop("id")

        objective_id = d.pop("objective_id")

        cycle_id = d.pop("cycle_id")

        state = ReviewState(d.pop("state"))

        def _parse_achieved(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        achieved = _parse_achieved(d.pop("achieved"))

        goal = d.pop("goal")

        results = d.pop("results")

        measures = d.pop("measures")

        problems = d.pop("problems")

        lessons = d.pop("lessons")

        key_results = []
        _key_results = d.pop("key_results")
        for key_results_item_data in _key_results:
            key_results_item = ReviewKeyResultPublic.from_dict(key_results_item_data)

            key_results.append(key_results_item)

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_grade(data: object) -> Grade | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grade_type_0 = Grade(data)

                return grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Grade | None, data)

        grade = _parse_grade(d.pop("grade"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = ReviewFlag(flags_item_data)

            flags.append(flags_item)

        def _parse_return_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        return_reason = _parse_return_reason(d.pop("return_reason"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        def _parse_confirmed_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        confirmed_by_id = _parse_confirmed_by_id(d.pop("confirmed_by_id"))

        def _parse_confirm_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        confirm_note = _parse_confirm_note(d.pop("confirm_note"))

        def _parse_confirmed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        confirmed_score = _parse_confirmed_score(d.pop("confirmed_score"))

        def _parse_confirmed_grade(data: object) -> Grade | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_grade_type_0 = Grade(data)

                return confirmed_grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Grade | None, data)

        confirmed_grade = _parse_confirmed_grade(d.pop("confirmed_grade"))

        def _parse_confirmed_flags(data: object) -> list[ReviewFlag] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                confirmed_flags_type_0 = []
                _confirmed_flags_type_0 = data
                for confirmed_flags_type_0_item_data in _confirmed_flags_type_0:
                    confirmed_flags_type_0_item = ReviewFlag(
                        confirmed_flags_type_0_item_data
                    )

                    confirmed_flags_type_0.append(confirmed_flags_type_0_item)

                return confirmed_flags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ReviewFlag] | None, data)

        confirmed_flags = _parse_confirmed_flags(d.pop("confirmed_flags"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _follow_ups = d.pop("follow_ups", UNSET)
        follow_ups: list[FollowUpPublic] | Unset = UNSET
        if _follow_ups is not UNSET:
            follow_ups = []
            for follow_ups_item_data in _follow_ups:
                follow_ups_item = FollowUpPublic.from_dict(follow_ups_item_data)

                follow_ups.append(follow_ups_item)

        review_public = cls(
            id=id,
            objective_id=objective_id,
            cycle_id=cycle_id,
            state=state,
            achieved=achieved,
            goal=goal,
            results=results,
            measures=measures,
            problems=problems,
            lessons=lessons,
            key_results=key_results,
            score=score,
            grade=grade,
            flags=flags,
            return_reason=return_reason,
            submitted_at=submitted_at,
            confirmed_at=confirmed_at,
            confirmed_by_id=confirmed_by_id,
            confirm_note=confirm_note,
            confirmed_score=confirmed_score,
            confirmed_grade=confirmed_grade,
            confirmed_flags=confirmed_flags,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            follow_ups=follow_ups,
        )

        review_public.additional_properties = d
        return review_public

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
