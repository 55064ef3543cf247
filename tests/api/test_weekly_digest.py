"""The weekly meeting's digest through HTTP on both databases, every figure against a fixture
computed by hand (okr-domain.md §9).

The member's agreed objective in Q4 2026 (active), week 2026-W48 (Mon 23 to Sun 29 November),
the week before 2026-W47:

- KR one (0 -> 10): a week ago 2, confidence 7 (17 Nov); in W48 4, confidence 4 "customer
  delayed" (25 Nov), then 5, confidence 3 "legal review" with a blocker and a help request to the
  company (26 Nov); now 5, confidence 3.
- KR two (100 -> 50): a week ago 90, confidence 4 (18 Nov); in W48 80, confidence 4 (24 Nov).
- KR three (0 -> 1): no check-in at all.

Scores: one 0.20 -> 0.50; two (100-90)/50 = 0.20 -> (100-80)/50 = 0.40; three 0 -> 0.
At risk: one (confidence 7 -> 3, a drop of 4 >= 3); two (4 and 4, both at or below the policy's
4); three (no check-in since the cycle began on 1 October: stale). A check-in of 2 December
(next week) counts in neither week. Initiatives due next week (30 Nov to 6 Dec): one of two open
ones, the done one not.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from domain.forecast import Forecast, ForecastPoint, forecast_key_result
from domain.model import KeyResultKind
from tests.conftest import Actor, MakeActor
from tests.support.builders import Team, add_kr, make_cycle, make_objective, make_team, post_ok

WEEK = "2026-W48"


async def _check_in(client: httpx.AsyncClient, kr_id: str, **body: Any) -> None:
    await post_ok(client, f"/v1/key-results/{kr_id}/check-ins", body)


async def _fixture(admin: Actor, team: Team) -> dict[str, str]:
    quarter = await make_cycle(
        admin.client, name="Q4 2026", starts_on="2026-10-01", ends_on="2026-12-31"
    )
    m = team.member.client
    objective = await make_objective(m, quarter["id"], team.member.id, title="Win the north")
    one = await add_kr(m, objective["id"], title="KR one", weight=40, due_on="2026-12-31")
    two = await add_kr(
        m,
        objective["id"],
        title="KR two",
        start_value=100,
        target_value=50,
        weight=40,
        due_on="2026-12-31",
    )
    three = await add_kr(
        m, objective["id"], title="KR three", target_value=1, weight=20, due_on="2026-12-31"
    )
    await post_ok(m, f"/v1/objectives/{objective['id']}/submit", None, 200)
    await post_ok(team.manager.client, f"/v1/objectives/{objective['id']}/approve", None, 200)
    await post_ok(admin.client, f"/v1/cycles/{quarter['id']}/activate", None, 200)
    peer = await make_objective(team.peer.client, quarter["id"], team.peer.id, title="Peer O")
    await add_kr(team.peer.client, peer["id"], due_on="2026-12-31")
    await post_ok(team.peer.client, f"/v1/objectives/{peer['id']}/submit", None, 200)
    await post_ok(team.manager.client, f"/v1/objectives/{peer['id']}/approve", None, 200)

    await _check_in(
        m, one["id"], value=2, confidence=7, note="start", observed_at="2026-11-17T10:00:00Z"
    )
    await _check_in(
        m,
        one["id"],
        value=4,
        confidence=4,
        note="customer delayed",
        observed_at="2026-11-25T10:00:00Z",
    )
    await _check_in(
        m,
        one["id"],
        value=5,
        confidence=3,
        note="legal review",
        blocker="contract stuck in legal",
        needs_help_from="company",
        observed_at="2026-11-26T10:00:00Z",
    )
    await _check_in(
        m, one["id"], value=9, confidence=9, note="signed", observed_at="2026-12-01T00:10:00Z"
    )
    await _check_in(
        m, two["id"], value=90, confidence=4, note="slow", observed_at="2026-11-18T09:00:00Z"
    )
    await _check_in(m, two["id"], value=80, confidence=4, observed_at="2026-11-24T09:00:00Z")
    due = await post_ok(
        m,
        f"/v1/key-results/{one['id']}/initiatives",
        {"title": "Call legal", "assignee_id": team.member.id, "due_on": "2026-12-02"},
    )
    await post_ok(
        m,
        f"/v1/key-results/{one['id']}/initiatives",
        {"title": "Later", "assignee_id": team.member.id, "due_on": "2026-12-07"},
    )
    done = await post_ok(
        m,
        f"/v1/key-results/{two['id']}/initiatives",
        {"title": "Done already", "assignee_id": team.member.id, "due_on": "2026-12-03"},
    )
    response = await m.patch(f"/v1/initiatives/{done['id']}", json={"state": "done"})
    assert response.status_code == 200, response.text
    return {
        "objective": objective["id"],
        "one": one["id"],
        "two": two["id"],
        "three": three["id"],
        "due": due["id"],
        "peer": peer["id"],
    }


def _krs(digest: dict[str, Any], owner_id: str) -> dict[str, dict[str, Any]]:
    (owner,) = [o for o in digest["owners"] if o["owner_id"] == owner_id]
    return {kr["title"]: kr for o in owner["objectives"] for kr in o["key_results"]}


def _band(forecast: dict[str, Any]) -> str:
    if forecast["score"] is None:
        return f"– ({forecast['reason']})"
    low, score, high = (f"{forecast[k]:.2f}" for k in ("low", "score", "high"))
    return f"{score} ({low}–{high}, {forecast['band']})"


def _expected_forecast(start: int, target: int, points: list[tuple[str, int]]) -> Forecast:
    """The forecast ``domain.forecast`` gives for the points known at the week's end."""
    return forecast_key_result(
        kind=KeyResultKind.NUMERIC,
        start=Decimal(start),
        target=Decimal(target),
        points=[ForecastPoint(datetime.fromisoformat(at), Decimal(v)) for at, v in points],
        cycle_starts_on=date(2026, 10, 1),
        cycle_ends_on=date(2026, 12, 31),
    )


class TestWeeklyDigest:
    async def test_every_figure_of_the_week(self, admin: Actor, make_actor: MakeActor) -> None:
        team = await make_team(admin, make_actor)
        ids = await _fixture(admin, team)

        response = await team.boss.client.get(
            f"/v1/org-units/{team.unit_id}/digests/weekly", params={"week": WEEK}
        )

        assert response.status_code == 200, response.text
        digest = response.json()
        assert (digest["week"], digest["starts_on"], digest["ends_on"]) == (
            WEEK,
            "2026-11-23",
            "2026-11-29",
        )
        assert [o["owner_id"] for o in digest["owners"]] == [
            team.boss.id,
            team.manager.id,
            team.member.id,
            team.peer.id,
        ]
        krs = _krs(digest, team.member.id)
        figures = {
            title: (
                kr["value_week_ago"],
                kr["value_now"],
                kr["score_week_ago"],
                kr["score_now"],
                kr["confidence_week_ago"],
                kr["confidence_now"],
                kr["confidence_notes"],
                len(kr["check_ins"]),
                kr["stale"],
                kr["blockers"],
                kr["help_requests"],
            )
            for title, kr in krs.items()
        }
        assert figures == {
            "KR one": (
                2,
                5,
                0.2,
                0.5,
                7,
                3,
                ["customer delayed", "legal review"],
                2,
                False,
                ["contract stuck in legal"],
                ["company"],
            ),
            "KR two": (90, 80, 0.2, 0.4, 4, 4, [], 1, False, [], []),
            "KR three": (None, None, 0.0, 0.0, None, None, [], 0, True, [], []),
        }
        assert [c["observed_at"] for c in krs["KR one"]["check_ins"]] == [
            "2026-11-25T10:00:00Z",
            "2026-11-26T10:00:00Z",
        ]
        # The forecast band per KR is domain.forecast's, from the points up to the week's end
        # (the check-in of 1 December is not known yet).
        one_forecast = _expected_forecast(
            0,
            10,
            [
                ("2026-11-17T10:00:00+00:00", 2),
                ("2026-11-25T10:00:00+00:00", 4),
                ("2026-11-26T10:00:00+00:00", 5),
            ],
        )
        two_forecast = _expected_forecast(
            100, 50, [("2026-11-18T09:00:00+00:00", 90), ("2026-11-24T09:00:00+00:00", 80)]
        )
        for title, expected in (("KR one", one_forecast), ("KR two", two_forecast)):
            got = krs[title]["forecast"]
            assert expected.score is not None and expected.band is not None
            assert (got["method"], got["band"]) == (expected.method.value, expected.band.value)
            assert [Decimal(str(got[k])) for k in ("low", "score", "high")] == [
                expected.low,
                expected.score,
                expected.high,
            ]
        three = krs["KR three"]["forecast"]
        assert (three["method"], three["score"], three["reason"]) == ("none", None, "no_check_ins")
        peer = _krs(digest, team.peer.id)["New customers"]
        assert (peer["stale"], peer["check_ins"]) == (True, [])
        assert digest["stale_key_results"] == [ids["three"], peer["key_result_id"]]
        assert (digest["check_ins"], digest["blockers"], digest["help_requests"]) == (3, 1, 1)
        assert [(i["id"], i["due_on"]) for i in digest["initiatives_due_next_week"]] == [
            (ids["due"], "2026-12-02")
        ]
        assert [(r["key_result_id"], r["reasons"]) for r in digest["at_risk"]] == [
            (ids["one"], ["confidence_drop"]),
            (ids["two"], ["low_confidence"]),
            (ids["three"], ["stale"]),
            (peer["key_result_id"], ["stale"]),
        ]

    async def test_one_member_and_the_markdown_agenda(
        self, admin: Actor, make_actor: MakeActor
    ) -> None:
        team = await make_team(admin, make_actor)
        ids = await _fixture(admin, team)
        path = f"/v1/org-units/{team.unit_id}/digests/weekly"

        one = await team.peer.client.get(path, params={"week": WEEK, "person_id": team.member.id})
        markdown = await team.peer.client.get(
            path,
            params={"week": WEEK, "person_id": team.member.id},
            headers={"Accept": "text/markdown"},
        )
        bad_week = await team.peer.client.get(path, params={"week": "2027-W53"})
        stranger = await team.peer.client.get(
            path, params={"week": WEEK, "person_id": ids["objective"]}
        )

        assert one.status_code == 200, one.text
        assert [o["owner_id"] for o in one.json()["owners"]] == [team.member.id]
        assert [r["key_result_id"] for r in one.json()["at_risk"]] == [
            ids["one"],
            ids["two"],
            ids["three"],
        ]
        assert markdown.headers["content-type"].startswith("text/markdown")
        text = markdown.text
        assert text.startswith("# Weekly meeting 2026-W48 (2026-11-23 to 2026-11-29)\n")
        assert "Check-ins this week: 3 · stale KRs: 1 · blockers: 1 · help requests: 1" in text
        bands = {
            kr["title"]: kr["forecast"]
            for o in one.json()["owners"][0]["objectives"]
            for kr in o["key_results"]
        }
        f1, f2, f3 = bands["KR one"], bands["KR two"], bands["KR three"]
        assert f"| KR one | 2 → 5 | 0.20 → 0.50 | 7 → 3 | 2 | no | {_band(f1)} |" in text
        assert f"| KR two | 90 → 80 | 0.20 → 0.40 | 4 → 4 | 1 | no | {_band(f2)} |" in text
        assert f"| KR three | – → – | 0.00 → 0.00 | – → – | 0 | yes | {_band(f3)} |" in text
        assert "- KR one: confidence changed: customer delayed" in text
        assert "- KR one: blocker: contract stuck in legal" in text
        assert "- KR one: needs help from the company" in text
        assert "- KR two: low_confidence" in text
        assert "- 2026-12-02: Call legal (todo)" in text
        assert bad_week.status_code == 422
        assert bad_week.json()["code"] == "digest.invalid_week"
        assert stranger.status_code == 404
