from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_change_action import SyncChangeAction
from ..models.sync_change_entity import SyncChangeEntity

if TYPE_CHECKING:
    from ..models.sync_change_fields import SyncChangeFields


T = TypeVar("T", bound="SyncChange")


@_attrs_define
class SyncChange:
    """One change of the diff.

    Attributes:
        entity (SyncChangeEntity):
        id (str):
        external_id (str):
        action (SyncChangeAction):
        fields (SyncChangeFields): The fields the change sets, with their new values.
    """

    entity: SyncChangeEntity
    id: str
    external_id: str
    action: SyncChangeAction
    fields: SyncChangeFields
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity = self.entity.value

        id = self.id

        external_id = self.external_id

        action = self.action.value

        fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity": entity,
                "id": id,
                "external_id": external_id,
                "action": action,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_change_fields import SyncChangeFields

        d = dict(src_dict)
        entity = SyncChangeEntity(d.pop("entity"))

        id = d.pop("id")

        external_id = d.pop("external_id")

        action = SyncChangeAction(d.pop("action"))

        fields = SyncChangeFields.from_dict(d.pop("fields"))

        sync_change = cls(
            entity=entity,
            id=id,
            external_id=external_id,
            action=action,
            fields=fields,
        )

        sync_change.additional_properties = d
        return sync_change

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
