from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LintFinding")


@_attrs_define
class LintFinding:
    """One OKR quality finding (never blocking).

    Attributes:
        code (str): Stable code, e.g. `lint.key_result_activity`.
        message (str): In the language of the text it is about.
        field (str): `title`, `key_results`, `alignment` or `key_results[<id>].<field>`.
        source (str): The section of okr-domain.md the rule comes from.
    """

    code: str
    message: str
    field: str
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field = self.field

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "field": field,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        field = d.pop("field")

        source = d.pop("source")

        lint_finding = cls(
            code=code,
            message=message,
            field=field,
            source=source,
        )

        lint_finding.additional_properties = d
        return lint_finding

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
