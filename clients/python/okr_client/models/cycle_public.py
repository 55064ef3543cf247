from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cycle_kind import CycleKind
from ..models.cycle_state import CycleState

T = TypeVar("T", bound="CyclePublic")


@_attrs_define
class CyclePublic:
    """A period in which OKRs are set, tracked and scored.

    Attributes:
        id (str):
        name (str):
        kind (CycleKind): Length of a cycle.
        starts_on (datetime.date):
        ends_on (datetime.date):
        parent_id (None | str):
        state (CycleState): Cycle lifecycle: planning -> active -> review -> closed.
        planning_deadline (datetime.date | None):
        review_deadline (datetime.date | None):
        submission_deadline (datetime.date | None):
        agreement_deadline (datetime.date | None):
        publication_deadline (datetime.date | None):
        review_submission_deadline (datetime.date | None):
        review_confirmation_deadline (datetime.date | None):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    name: str
    kind: CycleKind
    starts_on: datetime.date
    ends_on: datetime.date
    parent_id: None | str
    state: CycleState
    planning_deadline: datetime.date | None
    review_deadline: datetime.date | None
    submission_deadline: datetime.date | None
    agreement_deadline: datetime.date | None
    publication_deadline: datetime.date | None
    review_submission_deadline: datetime.date | None
    review_confirmation_deadline: datetime.date | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        kind = self.kind.value

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        parent_id: None | str
        parent_id = self.parent_id

        state = self.state.value

        planning_deadline: None | str
        if isinstance(self.planning_deadline, datetime.date):
            planning_deadline = self.planning_deadline.isoformat()
        else:
            planning_deadline = self.planning_deadline

        review_deadline: None | str
        if isinstance(self.review_deadline, datetime.date):
            review_deadline = self.review_deadline.isoformat()
        else:
            review_deadline = self.review_deadline

        submission_deadline: None | str
        if isinstance(self.submission_deadline, datetime.date):
            submission_deadline = self.submission_deadline.isoformat()
        else:
            submission_deadline = self.submission_deadline

        agreement_deadline: None | str
        if isinstance(self.agreement_deadline, datetime.date):
            agreement_deadline = self.agreement_deadline.isoformat()
        else:
            agreement_deadline = self.agreement_deadline

        publication_deadline: None | str
        if isinstance(self.publication_deadline, datetime.date):
            publication_deadline = self.publication_deadline.isoformat()
        else:
            publication_deadline = self.publication_deadline

        review_submission_deadline: None | str
        if isinstance(self.review_submission_deadline, datetime.date):
            review_submission_deadline = self.review_submission_deadline.isoformat()
        else:
            review_submission_deadline = self.review_submission_deadline

        review_confirmation_deadline: None | str
        if isinstance(self.review_confirmation_deadline, datetime.date):
            review_confirmation_deadline = self.review_confirmation_deadline.isoformat()
        else:
            review_confirmation_deadline = self.review_confirmation_deadline

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "parent_id": parent_id,
                "state": state,
                "planning_deadline": planning_deadline,
                "review_deadline": review_deadline,
                "submission_deadline": submission_deadline,
                "agreement_deadline": agreement_deadline,
                "publication_deadline": publication_deadline,
                "review_submission_deadline": review_submission_deadline,
                "review_confirmation_deadline": review_confirmation_deadline,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        kind = CycleKind(d.pop("kind"))

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        def _parse_parent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))

        state = CycleState(d.pop("state"))

        def _parse_planning_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planning_deadline_type_0 = datetime.date.fromisoformat(data)

                return planning_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        planning_deadline = _parse_planning_deadline(d.pop("planning_deadline"))

        def _parse_review_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        review_deadline = _parse_review_deadline(d.pop("review_deadline"))

        def _parse_submission_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submission_deadline_type_0 = datetime.date.fromisoformat(data)

                return submission_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        submission_deadline = _parse_submission_deadline(d.pop("submission_deadline"))

        def _parse_agreement_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_deadline_type_0 = datetime.date.fromisoformat(data)

                return agreement_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        agreement_deadline = _parse_agreement_deadline(d.pop("agreement_deadline"))

        def _parse_publication_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_deadline_type_0 = datetime.date.fromisoformat(data)

                return publication_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        publication_deadline = _parse_publication_deadline(
            d.pop("publication_deadline")
        )

        def _parse_review_submission_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_submission_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_submission_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        review_submission_deadline = _parse_review_submission_deadline(
            d.pop("review_submission_deadline")
        )

        def _parse_review_confirmation_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_confirmation_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_confirmation_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        review_confirmation_deadline = _parse_review_confirmation_deadline(
            d.pop("review_confirmation_deadline")
        )

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        cycle_public = cls(
            id=id,
            name=name,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            parent_id=parent_id,
            state=state,
            planning_deadline=planning_deadline,
            review_deadline=review_deadline,
            submission_deadline=submission_deadline,
            agreement_deadline=agreement_deadline,
            publication_deadline=publication_deadline,
            review_submission_deadline=review_submission_deadline,
            review_confirmation_deadline=review_confirmation_deadline,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        cycle_public.additional_properties = d
        return cycle_public

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
