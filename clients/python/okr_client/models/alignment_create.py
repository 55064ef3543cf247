from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AlignmentCreate")


@_attrs_define
class AlignmentCreate:
    """A child objective supports a parent objective, or one key result of it.

    Give `parent_key_result_id` (its objective is the parent) or `parent_objective_id` (or both,
    when they agree). Alignment runs upward and the graph stays acyclic.

        Attributes:
            child_objective_id (str):
            parent_objective_id (None | str | Unset):
            parent_key_result_id (None | str | Unset):
    """

    child_objective_id: str
    parent_objective_id: None | str | Unset = UNSET
    parent_key_result_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        child_objective_id = self.child_objective_id

        parent_objective_id: None | str | Unset
        if isinstance(self.parent_objective_id, Unset):
            parent_objective_id = UNSET
        else:
            parent_objective_id = self.parent_objective_id

        parent_key_result_id: None | str | Unset
        if isinstance(self.parent_key_result_id, Unset):
            parent_key_result_id = UNSET
        else:
            parent_key_result_id = self.parent_key_result_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "child_objective_id": child_objective_id,
            }
        )
        if parent_objective_id is not UNSET:
            field_dict["parent_objective_id"] = parent_objective_id
        if parent_key_result_id is not UNSET:
            field_dict["parent_key_result_id"] = parent_key_result_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        child_objective_id = d.pop("child_objective_id")

        def _parse_parent_objective_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_objective_id = _parse_parent_objective_id(
            d.pop("parent_objective_id", UNSET)
        )

        def _parse_parent_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_key_result_id = _parse_parent_key_result_id(
            d.pop("parent_key_result_id", UNSET)
        )

        alignment_create = cls(
            child_objective_id=child_objective_id,
            parent_objective_id=parent_objective_id,
            parent_key_result_id=parent_key_result_id,
        )

        return alignment_create
