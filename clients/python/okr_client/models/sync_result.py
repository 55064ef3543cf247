from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sync_change import SyncChange
    from ..models.sync_summary import SyncSummary


T = TypeVar("T", bound="SyncResult")


@_attrs_define
class SyncResult:
    """The diff of a snapshot: applied, or only planned (``dry_run``).

    Attributes:
        dry_run (bool):
        summary (SyncSummary): How many changes of each kind.
        changes (list[SyncChange]):
    """

    dry_run: bool
    summary: SyncSummary
    changes: list[SyncChange]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dry_run = self.dry_run

        summary = self.summary.to_dict()

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dry_run": dry_run,
                "summary": summary,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_change import SyncChange
        from ..models.sync_summary import SyncSummary

        d = dict(src_dict)
        dry_run = d.pop("dry_run")

        summary = SyncSummary.from_dict(d.pop("summary"))

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = SyncChange.from_dict(changes_item_data)

            changes.append(changes_item)

        sync_result = cls(
            dry_run=dry_run,
            summary=summary,
            changes=changes,
        )

        sync_result.additional_properties = d
        return sync_result

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
