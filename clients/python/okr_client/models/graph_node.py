from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grade import Grade
from ..models.objective_state import ObjectiveState
from ..models.owner_type import OwnerType

if TYPE_CHECKING:
    from ..models.graph_key_result import GraphKeyResult


T = TypeVar("T", bound="GraphNode")


@_attrs_define
class GraphNode:
    """An objective with its key results and scores.

    Attributes:
        id (str):
        cycle_id (str):
        title (str):
        owner_type (OwnerType): Who owns an objective: a person or an org unit.
        owner_id (str):
        state (ObjectiveState): Objective lifecycle: draft -> proposed -> agreed, proposed -> draft, agreed ->
            cancelled.
        score (float | None):
        grade (Grade | None):
        key_results (list[GraphKeyResult]):
    """

    id: str
    cycle_id: str
    title: str
    owner_type: OwnerType
    owner_id: str
    state: ObjectiveState
    score: float | None
    grade: Grade | None
    key_results: list[GraphKeyResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        cycle_id = self.cycle_id

        title = self.title

        owner_type = self.owner_type.value

        owner_id = self.owner_id

        state = self.state.value

        score: float | None
        score = self.score

        grade: None | str
        if isinstance(self.grade, Grade):
            grade = self.grade.value
        else:
            grade = self.grade

        key_results = []
        for key_results_item_data in self.key_results:
            key_results_item = key_results_item_data.to_dict()
            key_results.append(key_results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle_id": cycle_id,
                "title": title,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "state": state,
                "score": score,
                "grade": grade,
                "key_results": key_results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.graph_key_result import GraphKeyResult

        d = dict(src_dict)
        id = d.pop("id")

        cycle_id = d.pop("cycle_id")

        title = d.pop("title")

        owner_type = OwnerType(d.pop("owner_type"))

        owner_id = d.pop("owner_id")

        state = ObjectiveState(d.pop("state"))

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

        key_results = []
        _key_results = d.pop("key_results")
        for key_results_item_data in _key_results:
            key_results_item = GraphKeyResult.from_dict(key_results_item_data)

            key_results.append(key_results_item)

        graph_node = cls(
            id=id,
            cycle_id=cycle_id,
            title=title,
            owner_type=owner_type,
            owner_id=owner_id,
            state=state,
            score=score,
            grade=grade,
            key_results=key_results,
        )

        graph_node.additional_properties = d
        return graph_node

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
