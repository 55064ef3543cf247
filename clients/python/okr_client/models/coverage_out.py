from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CoverageOut")


@_attrs_define
class CoverageOut:
    """Share of live non-company objectives aligned upward.

    Attributes:
        eligible (int):
        aligned (int):
        share (float | None):
        unaligned_objective_ids (list[str]): The unaligned objectives the caller may see (drafts only for who may).
    """

    eligible: int
    aligned: int
    share: float | None
    unaligned_objective_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eligible = self.eligible

        aligned = self.aligned

        share: float | None
        share = self.share

        unaligned_objective_ids = self.unaligned_objective_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eligible": eligible,
                "aligned": aligned,
                "share": share,
                "unaligned_objective_ids": unaligned_objective_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        eligible = d.pop("eligible")

        aligned = d.pop("aligned")

        def _parse_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share = _parse_share(d.pop("share"))

        unaligned_objective_ids = cast(list[str], d.pop("unaligned_objective_ids"))

        coverage_out = cls(
            eligible=eligible,
            aligned=aligned,
            share=share,
            unaligned_objective_ids=unaligned_objective_ids,
        )

        coverage_out.additional_properties = d
        return coverage_out

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
