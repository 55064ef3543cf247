from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_result_change_item_public_op import KeyResultChangeItemPublicOp

if TYPE_CHECKING:
    from ..models.key_result_changes_public import KeyResultChangesPublic


T = TypeVar("T", bound="KeyResultChangeItemPublic")


@_attrs_define
class KeyResultChangeItemPublic:
    """One item of a request of several KRs (an added KR has no id until accepted).

    Attributes:
        op (KeyResultChangeItemPublicOp):
        key_result_id (None | str):
        fields (list[str]):
        changes (KeyResultChangesPublic): The requested values; a field not named in `fields` is not changed (null).
    """

    op: KeyResultChangeItemPublicOp
    key_result_id: None | str
    fields: list[str]
    changes: KeyResultChangesPublic
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        op = self.op.value

        key_result_id: None | str
        key_result_id = self.key_result_id

        fields = self.fields

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "op": op,
                "key_result_id": key_result_id,
                "fields": fields,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_result_changes_public import KeyResultChangesPublic

        d = dict(src_dict)
        op = KeyResultChangeItemPublicOp(d.pop("op"))

        def _parse_key_result_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        key_result_id = _parse_key_result_id(d.pop("key_result_id"))

        fields = cast(list[str], d.pop("fields"))

        changes = KeyResultChangesPublic.from_dict(d.pop("changes"))

        key_result_change_item_public = cls(
            op=op,
            key_result_id=key_result_id,
            fields=fields,
            changes=changes,
        )

        key_result_change_item_public.additional_properties = d
        return key_result_change_item_public

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
