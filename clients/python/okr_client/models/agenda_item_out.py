from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grade import Grade
from ..models.owner_type import OwnerType
from ..models.review_flag import ReviewFlag
from ..models.review_state import ReviewState

if TYPE_CHECKING:
    from ..models.agenda_key_result_out import AgendaKeyResultOut
    from ..models.review_answers_out import ReviewAnswersOut


T = TypeVar("T", bound="AgendaItemOut")


@_attrs_define
class AgendaItemOut:
    """One objective on the agenda, in presentation order.

    Attributes:
        position (int):
        objective_id (str):
        title (str):
        owner_type (OwnerType): Who owns an objective: a person or an org unit.
        owner_id (str):
        owner_name (str):
        review_state (None | ReviewState): Null when no review is visible.
        achieved (bool | None):
        computed_score (float | None):
        proposed_score (float | None):
        confirmed_score (float | None):
        score (float | None): Confirmed, else proposed, else computed.
        grade (Grade | None):
        flags (list[ReviewFlag]):
        key_results (list[AgendaKeyResultOut]):
        answers (None | ReviewAnswersOut):
        confirm_note (None | str):
    """

    position: int
    objective_id: str
    title: str
    owner_type: OwnerType
    owner_id: str
    owner_name: str
    review_state: None | ReviewState
    achieved: bool | None
    computed_score: float | None
    proposed_score: float | None
    confirmed_score: float | None
    score: float | None
    grade: Grade | None
    flags: list[ReviewFlag]
    key_results: list[AgendaKeyResultOut]
    answers: None | ReviewAnswersOut
    confirm_note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.review_answers_out import ReviewAnswersOut

        position = self.position

        objective_id = self.objective_id

        title = self.title

        owner_type = self.owner_type.value

        owner_id = self.owner_id

        owner_name = self.owner_name

        review_state: None | str
        if isinstance(self.review_state, ReviewState):
            review_state = self.review_state.value
        else:
            review_state = self.review_state

        achieved: bool | None
        achieved = self.achieved

        computed_score: float | None
        computed_score = self.computed_score

        proposed_score: float | None
        proposed_score = self.proposed_score

        confirmed_score: float | None
        confirmed_score = self.confirmed_score

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

        key_results = []
        for key_results_item_data in self.key_results:
            key_results_item = key_results_item_data.to_dict()
            key_results.append(key_results_item)

        answers: dict[str, Any] | None
        if isinstance(self.answers, ReviewAnswersOut):
            answers = self.answers.to_dict()
        else:
            answers = self.answers

        confirm_note: None | str
        confirm_note = self.confirm_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "position": position,
                "objective_id": objective_id,
                "title": title,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "review_state": review_state,
                "achieved": achieved,
                "computed_score": computed_score,
                "proposed_score": proposed_score,
                "confirmed_score": confirmed_score,
                "score": score,
                "grade": grade,
                "flags": flags,
                "key_results": key_results,
                "answers": answers,
                "confirm_note": confirm_note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agenda_key_result_out import AgendaKeyResultOut
        from ..models.review_answers_out import ReviewAnswersOut

        d = dict(src_dict)
        position = d.pop("position")

        objective_id = d.pop("objective_id")

        title = d.pop("title")

        owner_type = OwnerType(d.pop("owner_type"))

        owner_id = d.pop("owner_id")

        owner_name = d.pop("owner_name")

        def _parse_review_state(data: object) -> None | ReviewState:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_state_type_0 = ReviewState(data)

                return review_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewState, data)

        review_state = _parse_review_state(d.pop("review_state"))

        def _parse_achieved(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        achieved = _parse_achieved(d.pop("achieved"))

        def _parse_computed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        computed_score = _parse_computed_score(d.pop("computed_score"))

        def _parse_proposed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        proposed_score = _parse_proposed_score(d.pop("proposed_score"))

        def _parse_confirmed_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        confirmed_score = _parse_confirmed_score(d.pop("confirmed_score"))

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

        key_results = []
        _key_results = d.pop("key_results")
        for key_results_item_data in _key_results:
            key_results_item = AgendaKeyResultOut.from_dict(key_results_item_data)

            key_results.append(key_results_item)

        def _parse_answers(data: object) -> None | ReviewAnswersOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answers_type_0 = ReviewAnswersOut.from_dict(data)

                return answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewAnswersOut, data)

        answers = _parse_answers(d.pop("answers"))

        def _parse_confirm_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        confirm_note = _parse_confirm_note(d.pop("confirm_note"))

        agenda_item_out = cls(
            position=position,
            objective_id=objective_id,
            title=title,
            owner_type=owner_type,
            owner_id=owner_id,
            owner_name=owner_name,
            review_state=review_state,
            achieved=achieved,
            computed_score=computed_score,
            proposed_score=proposed_score,
            confirmed_score=confirmed_score,
            score=score,
            grade=grade,
            flags=flags,
            key_results=key_results,
            answers=answers,
            confirm_note=confirm_note,
        )

        agenda_item_out.additional_properties = d
        return agenda_item_out

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
