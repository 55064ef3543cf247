"""The calendar's rules (okr-domain §9): templates, standing against a deadline, notices."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.deadlines import (
    DeadlineKind,
    NoticeKind,
    ObjectiveProgress,
    Status,
    evaluate,
    notices,
    template_deadlines,
)
from domain.errors import InvalidInput
from domain.model import CycleKind, ObjectiveState, PublishOn, ReviewState
from domain.weekly import parse_week, week_of


def progress(state: ObjectiveState, **fields: object) -> ObjectiveProgress:
    return ObjectiveProgress(
        objective_id="o",
        owner_ids=frozenset({"owner"}),
        approver_ids=frozenset({"boss"}),
        state=state,
        **fields,  # type: ignore[arg-type]
    )


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC)


def test_a_month_is_submitted_before_it_starts_and_reviewed_after_it_ends() -> None:
    found = template_deadlines(CycleKind.MONTHLY, date(2027, 1, 1), date(2027, 1, 31))

    assert found == {
        "submission_deadline": date(2026, 12, 29),
        "agreement_deadline": date(2026, 12, 31),
        "publication_deadline": date(2027, 1, 7),
        "review_submission_deadline": date(2027, 2, 5),
        "review_confirmation_deadline": date(2027, 2, 7),
    }


def test_every_template_keeps_the_order() -> None:
    for kind in CycleKind:
        days = list(template_deadlines(kind, date(2026, 1, 1), date(2026, 3, 31)).values())
        assert days == sorted(days), kind


def test_submitted_on_time_late_or_still_a_draft() -> None:
    due = date(2026, 12, 29)

    on_time = evaluate(
        DeadlineKind.SUBMISSION,
        due,
        progress(ObjectiveState.PROPOSED, submitted_at=at("2026-12-29")),
        today=date(2027, 1, 5),
    )
    late = evaluate(
        DeadlineKind.SUBMISSION,
        due,
        progress(ObjectiveState.AGREED, submitted_at=at("2026-12-30")),
        today=date(2027, 1, 5),
    )
    pending = evaluate(DeadlineKind.SUBMISSION, due, progress(ObjectiveState.DRAFT), today=due)
    missed = evaluate(
        DeadlineKind.SUBMISSION, due, progress(ObjectiveState.DRAFT), today=date(2026, 12, 30)
    )

    assert on_time is not None and on_time.status is Status.ON_TIME and not on_time.waiting_on_ids
    assert late is not None and late.status is Status.LATE
    assert pending is not None and (pending.status, pending.waiting_on) == (Status.PENDING, "owner")
    assert missed is not None and missed.waiting_on_ids == frozenset({"owner"})


def test_a_proposal_waits_on_the_approver_and_a_submitted_review_on_its_confirmer() -> None:
    agreement = evaluate(
        DeadlineKind.AGREEMENT,
        date(2026, 12, 31),
        progress(ObjectiveState.PROPOSED),
        today=date(2026, 12, 1),
    )
    confirmation = evaluate(
        DeadlineKind.REVIEW_CONFIRMATION,
        date(2027, 2, 7),
        progress(ObjectiveState.AGREED, review_state=ReviewState.SUBMITTED),
        today=date(2027, 2, 8),
    )
    not_reviewed = evaluate(
        DeadlineKind.REVIEW_SUBMISSION,
        date(2027, 2, 5),
        progress(ObjectiveState.CANCELLED),
        today=date(2027, 2, 8),
    )

    assert agreement is not None and agreement.waiting_on_ids == frozenset({"boss"})
    assert confirmation is not None
    assert (confirmation.status, confirmation.waiting_on) == (Status.LATE, "approver")
    assert not_reviewed is None


def test_notices_remind_within_the_policy_days_and_flag_after() -> None:
    due = date(2026, 12, 29)
    standing = evaluate(DeadlineKind.SUBMISSION, due, progress(ObjectiveState.DRAFT), today=due)
    assert standing is not None

    too_early = notices(
        DeadlineKind.SUBMISSION, due, [standing], today=date(2026, 12, 25), reminder_days=3
    )
    reminded = notices(
        DeadlineKind.SUBMISSION, due, [standing], today=date(2026, 12, 26), reminder_days=3
    )
    flagged = notices(
        DeadlineKind.SUBMISSION, due, [standing], today=date(2026, 12, 30), reminder_days=3
    )

    assert too_early == []
    assert [(n.person_id, n.kind, n.objective_ids) for n in reminded] == [
        ("owner", NoticeKind.APPROACHING, ("o",))
    ]
    assert [n.kind for n in flagged] == [NoticeKind.MISSED]


def test_iso_weeks() -> None:
    week = parse_week("2026-W49")

    assert (week.first_day, week.last_day) == (date(2026, 11, 30), date(2026, 12, 6))
    assert week_of(date(2026, 12, 6)) == week
    assert parse_week("2026-W53").first_day == date(2026, 12, 28)
    for bad in ("2025-W53", "2026-49", "2026-W00"):
        with pytest.raises(InvalidInput):
            parse_week(bad)


def test_publication_follows_the_policys_publish_on() -> None:
    proposal = progress(ObjectiveState.PROPOSED, submitted_at=at("2026-12-30"))
    due, today = date(2027, 1, 7), date(2027, 1, 8)

    after_agreement = evaluate(DeadlineKind.PUBLICATION, due, proposal, today=today)
    on_proposal = evaluate(
        DeadlineKind.PUBLICATION, due, proposal, today=today, publish_on=PublishOn.PROPOSED
    )

    assert after_agreement is not None
    assert (after_agreement.status, after_agreement.waiting_on) == (Status.LATE, "approver")
    assert on_proposal is not None
    assert (on_proposal.status, on_proposal.waiting_on) == (Status.ON_TIME, None)
    assert on_proposal.done_at == at("2026-12-30")
