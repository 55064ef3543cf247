from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event_public_after_type_0 import AuditEventPublicAfterType0
    from ..models.audit_event_public_before_type_0 import AuditEventPublicBeforeType0


T = TypeVar("T", bound="AuditEventPublic")


@_attrs_define
class AuditEventPublic:
    """One recorded write: who, what (fields before and after), when, in which request.

    Attributes:
        id (int):
        occurred_at (datetime.datetime):
        principal_id (None | str): A person's or a service key's id.
        principal_kind (str): `person`, `service` or `system`.
        request_id (None | str):
        action (str): `create`, `update` or `delete`.
        entity (str):
        entity_id (str):
        before (AuditEventPublicBeforeType0 | None):
        after (AuditEventPublicAfterType0 | None):
    """

    id: int
    occurred_at: datetime.datetime
    principal_id: None | str
    principal_kind: str
    request_id: None | str
    action: str
    entity: str
    entity_id: str
    before: AuditEventPublicBeforeType0 | None
    after: AuditEventPublicAfterType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_event_public_after_type_0 import AuditEventPublicAfterType0
        from ..models.audit_event_public_before_type_0 import (
            AuditEventPublicBeforeType0,
        )

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        principal_id: None | str
        principal_id = self.principal_id

        principal_kind = self.principal_kind

        request_id: None | str
        request_id = self.request_id

        action = self.action

        entity = self.entity

        entity_id = self.entity_id

        before: dict[str, Any] | None
        if isinstance(self.before, AuditEventPublicBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        after: dict[str, Any] | None
        if isinstance(self.after, AuditEventPublicAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "occurred_at": occurred_at,
                "principal_id": principal_id,
                "principal_kind": principal_kind,
                "request_id": request_id,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": before,
                "after": after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audit_event_public_after_type_0 import AuditEventPublicAfterType0
        from ..models.audit_event_public_before_type_0 import (
            AuditEventPublicBeforeType0,
        )

        d = dict(src_dict)
        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_principal_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        principal_id = _parse_principal_id(d.pop("principal_id"))

        principal_kind = d.pop("principal_kind")

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        action = d.pop("action")

        entity = d.pop("entity")

        entity_id = d.pop("entity_id")

        def _parse_before(data: object) -> AuditEventPublicBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = AuditEventPublicBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEventPublicBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))

        def _parse_after(data: object) -> AuditEventPublicAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = AuditEventPublicAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEventPublicAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        audit_event_public = cls(
            id=id,
            occurred_at=occurred_at,
            principal_id=principal_id,
            principal_kind=principal_kind,
            request_id=request_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )

        audit_event_public.additional_properties = d
        return audit_event_public

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
