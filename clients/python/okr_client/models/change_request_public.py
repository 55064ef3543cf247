from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_request_state import ChangeRequestState

if TYPE_CHECKING:
    from ..models.key_result_change_item_public import KeyResultChangeItemPublic
    from ..models.key_result_changes_public import KeyResultChangesPublic


T = TypeVar("T", bound="ChangeRequestPublic")


@_attrs_define
class ChangeRequestPublic:
    """A proposed change to an agreed annual objective's key results, accepted or rejected by the
    approver: one KR (`key_result_id`, `changes`) or several (`items`).

        Attributes:
            id (str):
            key_result_id (None | str):
            objective_id (str):
            requested_by_id (None | str):
            fields (list[str]): The key result fields this request changes.
            changes (KeyResultChangesPublic): The requested values; a field not named in `fields` is not changed (null).
            items (list[KeyResultChangeItemPublic] | None): The items of a request of several KRs (null for a request of
                one).
            reason (str):
            state (ChangeRequestState): A proposed change to an agreed annual KR.
            decided_by_id (None | str):
            decided_at (datetime.datetime | None):
            decision_note (None | str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
    """

    id: str
    key_result_id: None | str
    objective_id: str
    requested_by_id: None | str
    fields: list[str]
    changes: KeyResultChangesPublic
    items: list[KeyResultChangeItemPublic] | None
    reason: str
    state: ChangeRequestState
    decided_by_id: None | str
    decided_at: datetime.datetime | None
    decision_note: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        key_result_id: None | str
        key_result_id = self.key_result_id

        objective_id = self.objective_id

        requested_by_id: None | str
        requested_by_id = self.requested_by_id

        fields = self.fields

        changes = self.changes.to_dict()

        items: list[dict[str, Any]] | None
        if isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        reason = self.reason

        state = self.state.value

        decided_by_id: None | str
        decided_by_id = self.decided_by_id

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_note: None | str
        decision_note = self.decision_note

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "key_result_id": key_result_id,
                "objective_id": objective_id,
                "requested_by_id": requested_by_id,
                "fields": fields,
                "changes": changes,
                "items": items,
                "reason": reason,
                "state": state,
                "decided_by_id": decided_by_id,
                "decided_at": decided_at,
                "decision_note": decision_note,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_change_item_public import KeyResultChangeItemPublic
        from ..models.key_result_changes_public import KeyResultChangesPublic

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_key_result_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        key_result_id = _parse_key_result_id(d.pop("key_result_id"))

        objective_id = d.pop("objective_id")

        def _parse_requested_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requested_by_id = _parse_requested_by_id(d.pop("requested_by_id"))

        fields = cast(list[str], d.pop("fields"))

        changes = KeyResultChangesPublic.from_dict(d.pop("changes"))

        def _parse_items(data: object) -> list[KeyResultChangeItemPublic] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = KeyResultChangeItemPublic.from_dict(
                        items_type_0_item_data
                    )

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KeyResultChangeItemPublic] | None, data)

        items = _parse_items(d.pop("items"))

        reason = d.pop("reason")

        state = ChangeRequestState(d.pop("state"))

        def _parse_decided_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by_id = _parse_decided_by_id(d.pop("decided_by_id"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_note = _parse_decision_note(d.pop("decision_note"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        change_request_public = cls(
            id=id,
            key_result_id=key_result_id,
            objective_id=objective_id,
            requested_by_id=requested_by_id,
            fields=fields,
            changes=changes,
            items=items,
            reason=reason,
            state=state,
            decided_by_id=decided_by_id,
            decided_at=decided_at,
            decision_note=decision_note,
            created_at=created_at,
            updated_at=updated_at,
        )

        change_request_public.additional_properties = d
        return change_request_public

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
