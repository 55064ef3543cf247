"""The OKR rhythm through HTTP on both databases (okr-domain.md §9): a cycle's deadlines, the
reminders produced once however many producers run, the personal inbox, check-in blockers and
help requests, and the weekly meeting's digest against a hand-computed fixture."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import httpx
from fastapi import FastAPI

from api.services.deadlines import produce_deadline_events
from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import Team, add_kr, make_cycle, make_objective, make_team, post_ok
from tests.support.problems import assert_problem

JANUARY: dict[str, Any] = {
    "name": "January 2027",
    "kind": "monthly",
    "starts_on": "2027-01-01",
    "ends_on": "2027-01-31",
    "deadlines_from_template": True,
}


async def _get(client: httpx.AsyncClient, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def _january(team: Team, admin: Actor) -> tuple[dict[str, Any], str, str]:
    """January 2027 with its template's deadlines; the member's objective proposed (today,
    2026-12 or later, before the submission deadline in December), the peer's still a draft."""
    cycle = await make_cycle(admin.client, **JANUARY)
    proposed = await make_objective(team.member.client, cycle["id"], team.member.id)
    await add_kr(team.member.client, proposed["id"], due_on="2027-01-31")
    await post_ok(team.member.client, f"/v1/objectives/{proposed['id']}/submit", None, 200)
    draft = await make_objective(team.peer.client, cycle["id"], team.peer.id, title="Peer draft")
    return cycle, proposed["id"], draft["id"]


def _by_kind(deadlines: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["deadline"]: d for d in deadlines["deadlines"]}


def _ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["objective_id"] for e in entries]


class TestCalendar:
    async def test_a_monthly_cycle_is_submitted_in_the_month_before_and_reviewed_after(
        self, admin: Actor
    ) -> None:
        cycle = await make_cycle(admin.client, **JANUARY)

        assert {k: cycle[f"{k}_deadline"] for k in ("submission", "agreement", "publication")} == {
            "submission": "2026-12-29",
            "agreement": "2026-12-31",
            "publication": "2027-01-07",
        }
        assert cycle["review_submission_deadline"] == "2027-02-05"
        assert cycle["review_confirmation_deadline"] == "2027-02-07"

    async def test_only_the_order_of_deadlines_is_checked(self, admin: Actor) -> None:
        ok = await admin.client.post(
            "/v1/cycles",
            json={
                "name": "Q4",
                "kind": "quarterly",
                "starts_on": "2026-10-01",
                "ends_on": "2026-12-31",
                "submission_deadline": "2026-09-25",
                "review_submission_deadline": "2027-01-05",
                "review_deadline": "2027-01-07",
            },
        )
        refused = await admin.client.patch(
            f"/v1/cycles/{ok.json()['id']}",
            json={"agreement_deadline": "2026-09-20", "review_confirmation_deadline": "2027-01-01"},
        )

        assert ok.status_code == 201, ok.text
        body = assert_problem(refused, 409, "cycle.invalid")
        assert [(e["code"], e["field"]) for e in body["errors"]] == [  # type: ignore[attr-defined]
            ("cycle.deadlines_out_of_order", "agreement_deadline"),
            ("cycle.deadlines_out_of_order", "review_confirmation_deadline"),
        ]

    async def test_deadlines_say_who_is_on_time_late_and_whom_they_wait_on(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle, proposed, draft = await _january(team, admin)
        path = f"/v1/cycles/{cycle['id']}/deadlines"

        before = _by_kind(await _get(team.member.client, path, on="2026-12-28"))
        after = _by_kind(await _get(team.member.client, path, on="2026-12-30"))
        await post_ok(team.manager.client, f"/v1/objectives/{proposed}/approve", None, 200)
        agreed = _by_kind(await _get(team.manager.client, path, on="2027-01-02"))

        assert list(before) == [
            "submission",
            "agreement",
            "publication",
            "review_submission",
            "review_confirmation",
        ]
        # The peer's draft is someone else's: the member does not see it.
        assert _ids(before["submission"]["on_time"]) == [proposed]
        assert before["submission"]["late"] == before["submission"]["pending"] == []
        agreement = before["agreement"]["pending"]
        assert _ids(agreement) == [proposed]
        assert agreement[0]["waiting_on"] == "approver"
        assert agreement[0]["waiting_on_people"] == [{"id": team.manager.id, "name": "Person 2"}]
        assert after["agreement"]["passed"] is False and after["submission"]["passed"] is True
        assert _by_kind(await _get(team.peer.client, path, on="2026-12-30"))["submission"][
            "late"
        ] == [
            {
                "objective_id": draft,
                "title": "Peer draft",
                "owner_type": "person",
                "owner_id": team.peer.id,
                "status": "late",
                "done_at": None,
                "waiting_on": "owner",
                "waiting_on_people": [{"id": team.peer.id, "name": "Person 4"}],
            }
        ]
        # Agreed today, before the agreement deadline; the manager sees the peer's draft too.
        assert _ids(agreed["agreement"]["on_time"]) == [proposed]
        assert _ids(agreed["agreement"]["late"]) == [draft]
        assert agreed["agreement"]["on_time"][0]["done_at"] is not None
        assert _ids(agreed["submission"]["late"]) == [draft]
        # Once agreed, the objective owes a review, still ahead (the draft owes none).
        review = agreed["review_submission"]["pending"]
        assert [(r["objective_id"], r["waiting_on"]) for r in review] == [(proposed, "owner")]

    async def test_reminders_and_flags_go_once_to_each_owner_and_approver(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle, proposed, draft = await _january(team, admin)

        async def produce(day: str) -> list[tuple[str, str, str, list[str]]]:
            async with app.state.session_factory() as session, session.begin():
                sent = await produce_deadline_events(session, today=date.fromisoformat(day))
            return sorted((n.deadline, n.kind, n.person_id, n.objective_ids) for n in sent)

        early = await produce("2026-12-20")
        approaching = await produce("2026-12-27")
        again = await produce("2026-12-27")
        missed = await produce("2026-12-30")

        assert early == []
        assert approaching == [("submission", "approaching", team.peer.id, [draft])]
        assert again == []
        assert missed == sorted(
            [
                ("agreement", "approaching", team.manager.id, [proposed]),
                ("agreement", "approaching", team.peer.id, [draft]),
                ("submission", "missed", team.peer.id, [draft]),
            ]
        )
        feed = await _get(admin.client, "/v1/events", limit=500)
        events = [e for e in feed["items"] if e["entity"] == "deadline"]
        assert sorted((e["type"], e["data"]["person_id"]) for e in events) == sorted(
            [
                ("deadline.approaching", team.peer.id),
                ("deadline.approaching", team.manager.id),
                ("deadline.approaching", team.peer.id),
                ("deadline.missed", team.peer.id),
            ]
        )
        assert all(e["data"]["cycle_id"] == cycle["id"] for e in events)
        # The member sees the reminder about their own proposal, not those about the peer's draft.
        mine = await _get(team.member.client, "/v1/events", limit=500)
        assert [e["data"]["objective_ids"] for e in mine["items"] if e["entity"] == "deadline"] == [
            [proposed]
        ]

    async def test_two_producers_at_once_send_each_notice_once(
        self, app: FastAPI, database: Database, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        await _january(team, admin)
        day = date(2026, 12, 30)

        # The first producer inserts its notices and holds its transaction open while the
        # second runs; the second waits for the first (row locks on PostgreSQL, the writer
        # lock on SQLite) and then finds every notice taken.
        first_session = app.state.session_factory()
        second_session = app.state.session_factory()
        async with first_session, second_session:
            await first_session.begin()
            first = await produce_deadline_events(first_session, today=day)

            async def second() -> int:
                async with second_session.begin():
                    return len(await produce_deadline_events(second_session, today=day))

            racing = asyncio.create_task(second())
            await asyncio.sleep(0.3)
            assert not racing.done()  # blocked behind the first producer's uncommitted rows
            await first_session.commit()
            second_count = await racing

        assert len(first) == 3
        assert second_count == 0
        feed = await _get(admin.client, "/v1/events", limit=500)
        assert len([e for e in feed["items"] if e["entity"] == "deadline"]) == 3
        assert database.backend in ("sqlite", "postgres")


class TestInbox:
    async def test_what_a_person_owes_and_by_when(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        cycle, proposed, draft = await _january(team, admin)
        kr = (await _get(team.peer.client, f"/v1/objectives/{draft}"))["key_results"]
        assert kr == []
        own_kr = await add_kr(team.peer.client, draft, due_on="2027-01-31")
        await post_ok(
            team.peer.client,
            f"/v1/key-results/{own_kr['id']}/initiatives",
            {"title": "Book the venue", "assignee_id": team.peer.id, "due_on": "2027-01-10"},
        )

        peer = await _get(team.peer.client, "/v1/me/inbox", on="2026-12-30")
        manager = await _get(team.manager.client, f"/v1/people/{team.manager.id}/inbox")
        by_boss = await _get(team.boss.client, f"/v1/people/{team.peer.id}/inbox", on="2026-12-30")
        by_member = await team.member.client.get(f"/v1/people/{team.peer.id}/inbox")

        assert peer["person_id"] == team.peer.id
        assert [(i["kind"], i["due_on"], i["overdue"], i["title"]) for i in peer["items"]] == [
            ("draft_to_submit", "2026-12-29", True, "Peer draft"),
            ("initiative_due", "2027-01-10", False, "Book the venue"),
        ]
        assert [(i["kind"], i["objective_id"], i["due_on"]) for i in manager["items"]] == [
            ("proposal_to_approve", proposed, "2026-12-31")
        ]
        assert by_boss["items"] == peer["items"]  # the manager chain sees it
        assert_problem(by_member, 404, "person.not_found")  # a colleague does not
        assert cycle["id"] == peer["items"][0]["cycle_id"]

    async def test_reviews_and_stale_key_results(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        quarter = await make_cycle(
            admin.client,
            name="Q4 2026",
            starts_on="2026-10-01",
            ends_on="2026-12-31",
            review_submission_deadline="2027-01-05",
            review_confirmation_deadline="2027-01-07",
        )
        objective = await make_objective(team.member.client, quarter["id"], team.member.id)
        kr = await add_kr(team.member.client, objective["id"], due_on="2026-12-31")
        oid = objective["id"]
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)
        await post_ok(team.manager.client, f"/v1/objectives/{oid}/approve", None, 200)
        await post_ok(admin.client, f"/v1/cycles/{quarter['id']}/activate", None, 200)

        stale = await _get(team.member.client, "/v1/me/inbox", on="2026-10-20")
        await post_ok(admin.client, f"/v1/cycles/{quarter['id']}/start-review", None, 200)
        answers = dict.fromkeys(("goal", "results", "measures", "problems", "lessons"), "done")
        written = await team.member.client.put(
            f"/v1/objectives/{oid}/review", json={"achieved": True, **answers}
        )
        assert written.status_code == 200, written.text
        to_write = await _get(team.member.client, "/v1/me/inbox", on="2027-01-06")
        await post_ok(team.member.client, f"/v1/objectives/{oid}/review/submit", None, 200)
        to_confirm = await _get(team.manager.client, "/v1/me/inbox", on="2027-01-06")

        assert [(i["kind"], i["key_result_id"], i["due_on"]) for i in stale["items"]] == [
            ("stale_key_result", kr["id"], "2026-10-08")
        ]
        assert [(i["kind"], i["due_on"], i["overdue"]) for i in to_write["items"]] == [
            ("stale_key_result", "2026-10-08", True),
            ("review_to_write", "2027-01-05", True),
        ]
        assert [(i["kind"], i["due_on"], i["overdue"]) for i in to_confirm["items"]] == [
            ("review_to_confirm", "2027-01-07", False)
        ]


class TestCheckInHelp:
    async def test_a_blocker_and_a_help_request_are_kept_and_the_request_is_an_event(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        kr_id = await _agreed_kr(team, admin)

        created = await team.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins",
            json={
                "value": 3,
                "blocker": "legal has not signed",
                "needs_help_from": "company",
            },
        )
        plain = await team.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 4}
        )
        wrong = await team.member.client.post(
            f"/v1/key-results/{kr_id}/check-ins", json={"value": 4, "needs_help_from": "boss"}
        )
        batch = await team.member.client.post(
            "/v1/check-ins/batch",
            json={"items": [{"key_result_id": kr_id, "value": 5, "needs_help_from": "manager"}]},
        )

        assert created.status_code == 201, created.text
        assert created.json()["blocker"] == "legal has not signed"
        assert created.json()["needs_help_from"] == "company"
        assert plain.json()["blocker"] is None and plain.json()["needs_help_from"] is None
        assert_problem(wrong, 422, "request.invalid")
        assert batch.json()["created"] == 1
        history = await _get(team.manager.client, f"/v1/key-results/{kr_id}/check-ins")
        assert [c["needs_help_from"] for c in history["items"]] == ["manager", None, "company"]
        feed = await _get(team.manager.client, "/v1/events", limit=500)
        helps = [e for e in feed["items"] if e["type"] == "check_in.help_requested"]
        assert [(e["entity_id"], e["data"]["needs_help_from"]) for e in helps] == [
            (created.json()["id"], "company"),
            (batch.json()["items"][0]["check_in_id"], "manager"),
        ]


async def _agreed_kr(team: Team, admin: Actor) -> str:
    """A KR (0 -> 10) of the member's agreed objective in an active Q4 2026."""
    quarter = await make_cycle(
        admin.client, name="Q4 2026", starts_on="2026-10-01", ends_on="2026-12-31"
    )
    objective = await make_objective(team.member.client, quarter["id"], team.member.id)
    kr = await add_kr(team.member.client, objective["id"], due_on="2026-12-31")
    await post_ok(team.member.client, f"/v1/objectives/{objective['id']}/submit", None, 200)
    await post_ok(team.manager.client, f"/v1/objectives/{objective['id']}/approve", None, 200)
    await post_ok(admin.client, f"/v1/cycles/{quarter['id']}/activate", None, 200)
    kr_id: str = kr["id"]
    return kr_id
