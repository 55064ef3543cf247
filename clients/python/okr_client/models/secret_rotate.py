from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretRotate")


@_attrs_define
class SecretRotate:
    """A new signing secret; the old one keeps signing beside it for ``grace_seconds``.

    Attributes:
        grace_seconds (int | Unset):  Default: 86400.
    """

    grace_seconds: int | Unset = 86400

    def to_dict(self) -> dict[str, Any]:
        grace_seconds = self.grace_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if grace_seconds is not UNSET:
            field_dict["grace_seconds"] = grace_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        grace_seconds = d.pop("grace_seconds", UNSET)

        secret_rotate = cls(
            grace_seconds=grace_seconds,
        )

        return secret_rotate
