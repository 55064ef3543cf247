from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DependencyPublic")


@_attrs_define
class DependencyPublic:
    """Who depends on whom, across teams (not alignment: nothing rolls up).

    Attributes:
        id (str):
        from_objective_id (None | str):
        from_key_result_id (None | str):
        to_objective_id (None | str):
        to_key_result_id (None | str):
        note (None | str):
        created_by_id (None | str):
        created_at (datetime.datetime):
    """

    id: str
    from_objective_id: None | str
    from_key_result_id: None | str
    to_objective_id: None | str
    to_key_result_id: None | str
    note: None | str
    created_by_id: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        from_objective_id: None | str
        from_objective_id = self.from_objective_id

        from_key_result_id: None | str
        from_key_result_id = self.from_key_result_id

        to_objective_id: None | str
        to_objective_id = self.to_objective_id

        to_key_result_id: None | str
        to_key_result_id = self.to_key_result_id

        note: None | str
        note = self.note

        created_by_id: None | str
        created_by_id = self.created_by_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from_objective_id": from_objective_id,
                "from_key_result_id": from_key_result_id,
                "to_objective_id": to_objective_id,
                "to_key_result_id": to_key_result_id,
                "note": note,
                "created_by_id": created_by_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_from_objective_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_objective_id = _parse_from_objective_id(d.pop("from_objective_id"))

        def _parse_from_key_result_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_key_result_id = _parse_from_key_result_id(d.pop("from_key_result_id"))

        def _parse_to_objective_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_objective_id = _parse_to_objective_id(d.pop("to_objective_id"))

        def _parse_to_key_result_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_key_result_id = _parse_to_key_result_id(d.pop("to_key_result_id"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dependency_public = cls(
            id=id,
            from_objective_id=from_objective_id,
            from_key_result_id=from_key_result_id,
            to_objective_id=to_objective_id,
            to_key_result_id=to_key_result_id,
            note=note,
            created_by_id=created_by_id,
            created_at=created_at,
        )

        dependency_public.additional_properties = d
        return dependency_public

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
