from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_item_result_outcome import BatchItemResultOutcome

if TYPE_CHECKING:
    from ..models.batch_error import BatchError


T = TypeVar("T", bound="BatchItemResult")


@_attrs_define
class BatchItemResult:
    """The outcome of one item, by its position in the request.

    Attributes:
        index (int):
        outcome (BatchItemResultOutcome):
        check_in_id (None | str):
        error (BatchError | None):
    """

    index: int
    outcome: BatchItemResultOutcome
    check_in_id: None | str
    error: BatchError | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_error import BatchError

        index = self.index

        outcome = self.outcome.value

        check_in_id: None | str
        check_in_id = self.check_in_id

        error: dict[str, Any] | None
        if isinstance(self.error, BatchError):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "outcome": outcome,
                "check_in_id": check_in_id,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_error import BatchError

        d = dict(src_dict)
        index = d.pop("index")

        outcome = BatchItemResultOutcome(d.pop("outcome"))

        def _parse_check_in_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        check_in_id = _parse_check_in_id(d.pop("check_in_id"))

        def _parse_error(data: object) -> BatchError | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = BatchError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchError | None, data)

        error = _parse_error(d.pop("error"))

        batch_item_result = cls(
            index=index,
            outcome=outcome,
            check_in_id=check_in_id,
            error=error,
        )

        batch_item_result.additional_properties = d
        return batch_item_result

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
