from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DependencyCreate")


@_attrs_define
class DependencyCreate:
    """A lateral link: the `from` objective or KR depends on the `to` objective or KR.

    Exactly one of `from_objective_id`/`from_key_result_id` and one of
    `to_objective_id`/`to_key_result_id`.

        Attributes:
            from_objective_id (None | str | Unset):
            from_key_result_id (None | str | Unset):
            to_objective_id (None | str | Unset):
            to_key_result_id (None | str | Unset):
            note (None | str | Unset):
    """

    from_objective_id: None | str | Unset = UNSET
    from_key_result_id: None | str | Unset = UNSET
    to_objective_id: None | str | Unset = UNSET
    to_key_result_id: None | str | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_objective_id: None | str | Unset
        if isinstance(self.from_objective_id, Unset):
            from_objective_id = UNSET
        else:
            from_objective_id = self.from_objective_id

        from_key_result_id: None | str | Unset
        if isinstance(self.from_key_result_id, Unset):
            from_key_result_id = UNSET
        else:
            from_key_result_id = self.from_key_result_id

        to_objective_id: None | str | Unset
        if isinstance(self.to_objective_id, Unset):
            to_objective_id = UNSET
        else:
            to_objective_id = self.to_objective_id

        to_key_result_id: None | str | Unset
        if isinstance(self.to_key_result_id, Unset):
            to_key_result_id = UNSET
        else:
            to_key_result_id = self.to_key_result_id

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if from_objective_id is not UNSET:
            field_dict["from_objective_id"] = from_objective_id
        if from_key_result_id is not UNSET:
            field_dict["from_key_result_id"] = from_key_result_id
        if to_objective_id is not UNSET:
            field_dict["to_objective_id"] = to_objective_id
        if to_key_result_id is not UNSET:
            field_dict["to_key_result_id"] = to_key_result_id
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_from_objective_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_objective_id = _parse_from_objective_id(d.pop("from_objective_id", UNSET))

        def _parse_from_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_key_result_id = _parse_from_key_result_id(
            d.pop("from_key_result_id", UNSET)
        )

        def _parse_to_objective_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_objective_id = _parse_to_objective_id(d.pop("to_objective_id", UNSET))

        def _parse_to_key_result_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_key_result_id = _parse_to_key_result_id(d.pop("to_key_result_id", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        dependency_create = cls(
            from_objective_id=from_objective_id,
            from_key_result_id=from_key_result_id,
            to_objective_id=to_objective_id,
            to_key_result_id=to_key_result_id,
            note=note,
        )

        return dependency_create
