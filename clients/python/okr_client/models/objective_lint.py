from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lint_finding import LintFinding


T = TypeVar("T", bound="ObjectiveLint")


@_attrs_define
class ObjectiveLint:
    """The OKR lint findings of one objective (okr-domain.md §10).

    Attributes:
        objective_id (str):
        findings (list[LintFinding]):
    """

    objective_id: str
    findings: list[LintFinding]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objective_id = self.objective_id

        findings = []
        for findings_item_data in self.findings:
            findings_item = findings_item_data.to_dict()
            findings.append(findings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objective_id": objective_id,
                "findings": findings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lint_finding import LintFinding

        d = dict(src_dict)
        objective_id = d.pop("objective_id")

        findings = []
        _findings = d.pop("findings")
        for findings_item_data in _findings:
            findings_item = LintFinding.from_dict(findings_item_data)

            findings.append(findings_item)

        objective_lint = cls(
            objective_id=objective_id,
            findings=findings,
        )

        objective_lint.additional_properties = d
        return objective_lint

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
