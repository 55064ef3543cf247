from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_result_kind import KeyResultKind

T = TypeVar("T", bound="GraphKeyResult")


@_attrs_define
class GraphKeyResult:
    """A key result inside an objective node.

    Attributes:
        id (str):
        title (str):
        kind (KeyResultKind): How a key result measures progress.
        score (float):
    """

    id: str
    title: str
    kind: KeyResultKind
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        kind = self.kind.value

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "kind": kind,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        kind = KeyResultKind(d.pop("kind"))

        score = d.pop("score")

        graph_key_result = cls(
            id=id,
            title=title,
            kind=kind,
            score=score,
        )

        graph_key_result.additional_properties = d
        return graph_key_result

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
