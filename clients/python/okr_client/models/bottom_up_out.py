from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BottomUpOut")


@_attrs_define
class BottomUpOut:
    """Share of live objectives that originate bottom-up, against the policy's target.

    Attributes:
        total (int):
        bottom_up (int):
        share (float | None):
        target (float):
        meets_target (bool):
    """

    total: int
    bottom_up: int
    share: float | None
    target: float
    meets_target: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        bottom_up = self.bottom_up

        share: float | None
        share = self.share

        target = self.target

        meets_target = self.meets_target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "bottom_up": bottom_up,
                "share": share,
                "target": target,
                "meets_target": meets_target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total = d.pop("total")

        bottom_up = d.pop("bottom_up")

        def _parse_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share = _parse_share(d.pop("share"))

        target = d.pop("target")

        meets_target = d.pop("meets_target")

        bottom_up_out = cls(
            total=total,
            bottom_up=bottom_up,
            share=share,
            target=target,
            meets_target=meets_target,
        )

        bottom_up_out.additional_properties = d
        return bottom_up_out

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
