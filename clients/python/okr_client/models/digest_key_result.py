from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digest_check_in import DigestCheckIn
    from ..models.digest_forecast import DigestForecast


T = TypeVar("T", bound="DigestKeyResult")


@_attrs_define
class DigestKeyResult:
    """One KR at the end of the week and a week before.

    Attributes:
        key_result_id (str):
        title (str):
        value_now (float | None):
        value_week_ago (float | None):
        score_now (float | None):
        score_week_ago (float | None):
        confidence_now (int | None):
        confidence_week_ago (int | None):
        confidence_notes (list[str]):
        check_ins (list[DigestCheckIn]):
        stale (bool):
        blockers (list[str]):
        help_requests (list[str]):
        forecast (DigestForecast): The KR's end-of-cycle forecast from the points known at the week's end, with its 80%
            interval and band (docs/forecast.md); no score when there is none (``reason`` says why).
    """

    key_result_id: str
    title: str
    value_now: float | None
    value_week_ago: float | None
    score_now: float | None
    score_week_ago: float | None
    confidence_now: int | None
    confidence_week_ago: int | None
    confidence_notes: list[str]
    check_ins: list[DigestCheckIn]
    stale: bool
    blockers: list[str]
    help_requests: list[str]
    forecast: DigestForecast
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_result_id = self.key_result_id

        title = self.title

        value_now: float | None
        value_now = self.value_now

        value_week_ago: float | None
        value_week_ago = self.value_week_ago

        score_now: float | None
        score_now = self.score_now

        score_week_ago: float | None
        score_week_ago = self.score_week_ago

        confidence_now: int | None
        confidence_now = self.confidence_now

        confidence_week_ago: int | None
        confidence_week_ago = self.confidence_week_ago

        confidence_notes = self.confidence_notes

        check_ins = []
        for check_ins_item_data in self.check_ins:
            check_ins_item = check_ins_item_data.to_dict()
            check_ins.append(check_ins_item)

        stale = self.stale

        blockers = self.blockers

        help_requests = self.help_requests

        forecast = self.forecast.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_result_id": key_result_id,
                "title": title,
                "value_now": value_now,
                "value_week_ago": value_week_ago,
                "score_now": score_now,
                "score_week_ago": score_week_ago,
                "confidence_now": confidence_now,
                "confidence_week_ago": confidence_week_ago,
                "confidence_notes": confidence_notes,
                "check_ins": check_ins,
                "stale": stale,
                "blockers": blockers,
                "help_requests": help_requests,
                "forecast": forecast,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.digest_check_in import DigestCheckIn
        from ..models.digest_forecast import DigestForecast

        d = dict(src_dict)
        key_result_id = d.pop("key_result_id")

        title = d.pop("title")

        def _parse_value_now(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value_now = _parse_value_now(d.pop("value_now"))

        def _parse_value_week_ago(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value_week_ago = _parse_value_week_ago(d.pop("value_week_ago"))

        def _parse_score_now(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score_now = _parse_score_now(d.pop("score_now"))

        def _parse_score_week_ago(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score_week_ago = _parse_score_week_ago(d.pop("score_week_ago"))

        def _parse_confidence_now(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        confidence_now = _parse_confidence_now(d.pop("confidence_now"))

        def _parse_confidence_week_ago(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        confidence_week_ago = _parse_confidence_week_ago(d.pop("confidence_week_ago"))

        confidence_notes = cast(list[str], d.pop("confidence_notes"))

        check_ins = []
        _check_ins = d.pop("check_ins")
        for check_ins_item_data in _check_ins:
            check_ins_item = DigestCheckIn.from_dict(check_ins_item_data)

            check_ins.append(check_ins_item)

        stale = d.pop("stale")

        blockers = cast(list[str], d.pop("blockers"))

        help_requests = cast(list[str], d.pop("help_requests"))

        forecast = DigestForecast.from_dict(d.pop("forecast"))

        digest_key_result = cls(
            key_result_id=key_result_id,
            title=title,
            value_now=value_now,
            value_week_ago=value_week_ago,
            score_now=score_now,
            score_week_ago=score_week_ago,
            confidence_now=confidence_now,
            confidence_week_ago=confidence_week_ago,
            confidence_notes=confidence_notes,
            check_ins=check_ins,
            stale=stale,
            blockers=blockers,
            help_requests=help_requests,
            forecast=forecast,
        )

        digest_key_result.additional_properties = d
        return digest_key_result

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
