from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.cycle_kind import CycleKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CycleCreate")


@_attrs_define
class CycleCreate:
    """A new cycle, in planning. A quarter may sit in a year, a month in a quarter.

    Its deadlines may lie before its start or after its end; they must be in the order
    submission, agreement, publication, review submission, review confirmation.

        Attributes:
            name (str): At most 200 characters, not blank, no control characters; stored without leading and trailing
                whitespace.
            kind (CycleKind): Length of a cycle.
            starts_on (datetime.date):
            ends_on (datetime.date): After `starts_on`.
            parent_id (None | str | Unset):
            planning_deadline (datetime.date | None | Unset):
            review_deadline (datetime.date | None | Unset):
            submission_deadline (datetime.date | None | Unset):
            agreement_deadline (datetime.date | None | Unset):
            publication_deadline (datetime.date | None | Unset):
            review_submission_deadline (datetime.date | None | Unset):
            review_confirmation_deadline (datetime.date | None | Unset):
            deadlines_from_template (bool | Unset): Fill the five deadlines not given from the template of the cycle's kind
                (okr-domain.md §9). Default: False.
    """

    name: str
    kind: CycleKind
    starts_on: datetime.date
    ends_on: datetime.date
    parent_id: None | str | Unset = UNSET
    planning_deadline: datetime.date | None | Unset = UNSET
    review_deadline: datetime.date | None | Unset = UNSET
    submission_deadline: datetime.date | None | Unset = UNSET
    agreement_deadline: datetime.date | None | Unset = UNSET
    publication_deadline: datetime.date | None | Unset = UNSET
    review_submission_deadline: datetime.date | None | Unset = UNSET
    review_confirmation_deadline: datetime.date | None | Unset = UNSET
    deadlines_from_template: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        planning_deadline: None | str | Unset
        if isinstance(self.planning_deadline, Unset):
            planning_deadline = UNSET
        elif isinstance(self.planning_deadline, datetime.date):
            planning_deadline = self.planning_deadline.isoformat()
        else:
            planning_deadline = self.planning_deadline

        review_deadline: None | str | Unset
        if isinstance(self.review_deadline, Unset):
            review_deadline = UNSET
        elif isinstance(self.review_deadline, datetime.date):
            review_deadline = self.review_deadline.isoformat()
        else:
            review_deadline = self.review_deadline

        submission_deadline: None | str | Unset
        if isinstance(self.submission_deadline, Unset):
            submission_deadline = UNSET
        elif isinstance(self.submission_deadline, datetime.date):
            submission_deadline = self.submission_deadline.isoformat()
        else:
            submission_deadline = self.submission_deadline

        agreement_deadline: None | str | Unset
        if isinstance(self.agreement_deadline, Unset):
            agreement_deadline = UNSET
        elif isinstance(self.agreement_deadline, datetime.date):
            agreement_deadline = self.agreement_deadline.isoformat()
        else:
            agreement_deadline = self.agreement_deadline

        publication_deadline: None | str | Unset
        if isinstance(self.publication_deadline, Unset):
            publication_deadline = UNSET
        elif isinstance(self.publication_deadline, datetime.date):
            publication_deadline = self.publication_deadline.isoformat()
        else:
            publication_deadline = self.publication_deadline

        review_submission_deadline: None | str | Unset
        if isinstance(self.review_submission_deadline, Unset):
            review_submission_deadline = UNSET
        elif isinstance(self.review_submission_deadline, datetime.date):
            review_submission_deadline = self.review_submission_deadline.isoformat()
        else:
            review_submission_deadline = self.review_submission_deadline

        review_confirmation_deadline: None | str | Unset
        if isinstance(self.review_confirmation_deadline, Unset):
            review_confirmation_deadline = UNSET
        elif isinstance(self.review_confirmation_deadline, datetime.date):
            review_confirmation_deadline = self.review_confirmation_deadline.isoformat()
        else:
            review_confirmation_deadline = self.review_confirmation_deadline

        deadlines_from_template = self.deadlines_from_template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
            }
        )
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if planning_deadline is not UNSET:
            field_dict["planning_deadline"] = planning_deadline
        if review_deadline is not UNSET:
            field_dict["review_deadline"] = review_deadline
        if submission_deadline is not UNSET:
            field_dict["submission_deadline"] = submission_deadline
        if agreement_deadline is not UNSET:
            field_dict["agreement_deadline"] = agreement_deadline
        if publication_deadline is not UNSET:
            field_dict["publication_deadline"] = publication_deadline
        if review_submission_deadline is not UNSET:
            field_dict["review_submission_deadline"] = review_submission_deadline
        if review_confirmation_deadline is not UNSET:
            field_dict["review_confirmation_deadline"] = review_confirmation_deadline
        if deadlines_from_template is not UNSET:
            field_dict["deadlines_from_template"] = deadlines_from_template

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        kind = CycleKind(d.pop("kind"))

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_planning_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planning_deadline_type_0 = datetime.date.fromisoformat(data)

                return planning_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planning_deadline = _parse_planning_deadline(d.pop("planning_deadline", UNSET))

        def _parse_review_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_deadline = _parse_review_deadline(d.pop("review_deadline", UNSET))

        def _parse_submission_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submission_deadline_type_0 = datetime.date.fromisoformat(data)

                return submission_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        submission_deadline = _parse_submission_deadline(
            d.pop("submission_deadline", UNSET)
        )

        def _parse_agreement_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_deadline_type_0 = datetime.date.fromisoformat(data)

                return agreement_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        agreement_deadline = _parse_agreement_deadline(
            d.pop("agreement_deadline", UNSET)
        )

        def _parse_publication_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_deadline_type_0 = datetime.date.fromisoformat(data)

                return publication_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        publication_deadline = _parse_publication_deadline(
            d.pop("publication_deadline", UNSET)
        )

        def _parse_review_submission_deadline(
            data: object,
        ) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_submission_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_submission_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_submission_deadline = _parse_review_submission_deadline(
            d.pop("review_submission_deadline", UNSET)
        )

        def _parse_review_confirmation_deadline(
            data: object,
        ) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_confirmation_deadline_type_0 = datetime.date.fromisoformat(data)

                return review_confirmation_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_confirmation_deadline = _parse_review_confirmation_deadline(
            d.pop("review_confirmation_deadline", UNSET)
        )

        deadlines_from_template = d.pop("deadlines_from_template", UNSET)

        cycle_create = cls(
            name=name,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            parent_id=parent_id,
            planning_deadline=planning_deadline,
            review_deadline=review_deadline,
            submission_deadline=submission_deadline,
            agreement_deadline=agreement_deadline,
            publication_deadline=publication_deadline,
            review_submission_deadline=review_submission_deadline,
            review_confirmation_deadline=review_confirmation_deadline,
            deadlines_from_template=deadlines_from_template,
        )

        return cycle_create
