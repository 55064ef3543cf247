"""``/v1/objectives/{id}/review``: writing, final scores and overrides, flags, the lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.etags import tag_version
from tests.support.problems import assert_problem
from tests.support.seed import Seeded, seed_scored_objective, set_kr_score

ANSWERS = {
    "goal": "Win 30 customers to prove the new offer.",
    "results": "24 signed; the fairs under-delivered.",
    "measures": "Visits worked best.",
    "problems": "Ad budget came late; moved it to visits.",
    "lessons": "Start the fairs earlier; self-evaluation: good.",
}


@dataclass
class Team:
    manager: Actor
    owner: Actor
    peer: Actor


@pytest.fixture
async def team(make_actor: MakeActor) -> Team:
    manager = await make_actor()
    owner = await make_actor(manager_id=manager.id)
    peer = await make_actor(manager_id=manager.id)
    return Team(manager, owner, peer)


async def objective_in(
    app: FastAPI, admin: Actor, owner: Actor, *, cycle_state: str = "review", **kw: Any
) -> Seeded:
    cycle = await make_cycle(admin.client, state=cycle_state)
    return await seed_scored_objective(app, cycle_id=cycle["id"], owner_id=owner.id, **kw)


def path(objective: Seeded) -> str:
    return f"/v1/objectives/{objective.id}/review"


class TestWritingAReview:
    async def test_no_review_is_404_until_the_owner_writes_it(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)

        before = await team.owner.client.get(path(objective))
        put = await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})
        after = await team.manager.client.get(path(objective))
        hidden = await team.peer.client.get(path(objective))

        assert_problem(before, 404, "review.not_found")
        assert_problem(hidden, 404, "review.not_found")  # a draft review: not for peers
        assert put.status_code == 200, put.text
        assert tag_version(put) == 1
        body = after.json()
        assert body == put.json()
        assert body["state"] == "draft"
        assert [(k["computed_score"], k["final_score"]) for k in body["key_results"]] == [
            (0.7, 0.7),
            (0.5, 0.5),
        ]
        assert (body["score"], body["grade"], body["flags"]) == (0.62, "fair", [])

    async def test_an_override_needs_a_reason_and_changes_the_score(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        kr = objective.key_result_ids[1]

        silent = await team.owner.client.put(
            path(objective), json={"key_results": [{"key_result_id": kr, "final_score": 0.9}]}
        )
        explained = await team.owner.client.put(
            path(objective),
            json={
                "key_results": [
                    {"key_result_id": kr, "final_score": 0.905, "override_reason": "late deal"}
                ]
            },
        )

        body = assert_problem(silent, 409, "review.override_reason_required")
        assert body["errors"] == [
            {"code": "review.override_reason_required", "message": body["detail"], "field": kr}
        ]
        assert explained.status_code == 200, explained.text
        final = explained.json()
        assert final["key_results"][1] | {"key_result_id": ""} == {
            "key_result_id": "",
            "title": "KR 2",
            "weight": 40,
            "computed_score": 0.5,
            "final_score": 0.91,
            "overridden": True,
            "override_reason": "late deal",
            "confirmed_score": None,
            "adjusted": False,
            "adjustment_reason": None,
        }
        assert (final["score"], final["grade"]) == (0.784, "good")

    async def test_unknown_and_repeated_key_results_are_refused(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        kr = objective.key_result_ids[0]
        item = {"key_result_id": kr, "final_score": 0.7}

        repeated = await team.owner.client.put(path(objective), json={"key_results": [item, item]})
        unknown = await team.owner.client.put(
            path(objective), json={"key_results": [{"key_result_id": "nope", "final_score": 1}]}
        )
        out_of_range = await team.owner.client.put(
            path(objective), json={"key_results": [{"key_result_id": kr, "final_score": 1.5}]}
        )

        assert_problem(repeated, 409, "review.duplicate_key_result")
        assert_problem(unknown, 409, "review.unknown_key_result")
        assert_problem(out_of_range, 422, "request.invalid")

    async def test_answers_are_bounded(self, app: FastAPI, admin: Actor, team: Team) -> None:
        objective = await objective_in(app, admin, team.owner)

        response = await team.owner.client.put(path(objective), json={"goal": "x" * 4001})

        assert_problem(response, 422, "request.invalid")

    async def test_only_the_owner_writes_and_only_agreed_objectives_in_review(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        reviewing = await objective_in(app, admin, team.owner)
        active = await objective_in(app, admin, team.owner, cycle_state="active")
        proposed = await objective_in(app, admin, team.owner, state="proposed")

        by_manager = await team.manager.client.put(path(reviewing), json=ANSWERS)
        by_admin = await admin.client.put(path(reviewing), json=ANSWERS)
        too_early = await team.owner.client.put(path(active), json=ANSWERS)
        not_agreed = await team.owner.client.put(path(proposed), json=ANSWERS)

        assert_problem(by_manager, 403, "review.not_owner")
        assert_problem(by_admin, 403, "review.not_owner")
        assert_problem(too_early, 409, "review.cycle_not_in_review")
        assert_problem(not_agreed, 409, "review.objective_not_agreed")

    async def test_a_draft_objective_and_its_review_are_hidden_from_peers(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        draft = await objective_in(app, admin, team.owner, state="draft")

        by_peer = await team.peer.client.get(path(draft))
        by_manager = await team.manager.client.get(path(draft))

        assert_problem(by_peer, 404, "objective.not_found")
        assert_problem(by_manager, 404, "review.not_found")

    async def test_a_draft_follows_the_key_results_and_submitting_freezes_it(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})

        await set_kr_score(app, objective.key_result_ids[1], "0.80")
        draft = (await team.owner.client.get(path(objective))).json()
        submitted = await team.owner.client.post(f"{path(objective)}/submit")
        await set_kr_score(app, objective.key_result_ids[1], "0.10")
        frozen = (await team.owner.client.get(path(objective))).json()

        assert (draft["score"], draft["version"]) == (0.74, 1)
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["state"] == "submitted"
        assert (frozen["score"], frozen["key_results"][1]["computed_score"]) == (0.74, 0.8)


class TestReviewLifecycle:
    async def test_submit_needs_every_answer_and_achieved(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        await team.owner.client.put(path(objective), json={"goal": "g", "lessons": "  "})

        response = await team.owner.client.post(f"{path(objective)}/submit")

        body = assert_problem(response, 409, "review.incomplete")
        fields = [(e["code"], e["field"]) for e in body["errors"]]  # type: ignore[attr-defined]
        assert fields == [
            ("review.answer_required", "results"),
            ("review.answer_required", "measures"),
            ("review.answer_required", "problems"),
            ("review.answer_required", "lessons"),
            ("review.achieved_required", "achieved"),
        ]

    async def test_submit_confirm_by_the_manager(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})
        await team.owner.client.post(f"{path(objective)}/submit")

        by_peer = await team.peer.client.post(f"{path(objective)}/confirm")
        by_owner = await team.owner.client.post(f"{path(objective)}/confirm")
        edit = await team.owner.client.put(path(objective), json=ANSWERS)
        confirmed = await team.manager.client.post(f"{path(objective)}/confirm")
        again = await team.manager.client.post(f"{path(objective)}/confirm")

        assert_problem(by_peer, 403, "objective.not_approver")
        assert_problem(by_owner, 403, "objective.self_approval")
        assert_problem(edit, 409, "review.not_editable")
        assert confirmed.status_code == 200, confirmed.text
        body = confirmed.json()
        assert (body["state"], body["confirmed_by_id"]) == ("confirmed", team.manager.id)
        assert body["confirmed_at"] is not None
        assert tag_version(confirmed) == 3
        assert_problem(again, 409, "review.invalid_transition")

    async def test_return_needs_a_reason_and_makes_a_draft_again(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        objective = await objective_in(app, admin, team.owner)
        await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})
        await team.owner.client.post(f"{path(objective)}/submit")

        blank = await team.manager.client.post(f"{path(objective)}/return", json={"reason": " "})
        empty = await team.manager.client.post(f"{path(objective)}/return", json={})
        returned = await admin.client.post(
            f"{path(objective)}/return", json={"reason": "Say more about the fairs."}
        )
        edited = await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})

        assert_problem(blank, 409, "review.reason_required")
        assert_problem(empty, 422, "request.invalid")
        assert returned.status_code == 200, returned.text
        assert (returned.json()["state"], returned.json()["return_reason"]) == (
            "draft",
            "Say more about the fairs.",
        )
        assert edited.status_code == 200

    async def test_actions_outside_the_review_phase_are_refused(
        self, app: FastAPI, admin: Actor, team: Team
    ) -> None:
        cycle = await make_cycle(admin.client, state="review")
        objective = await seed_scored_objective(app, cycle_id=cycle["id"], owner_id=team.owner.id)
        await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})
        await admin.client.post(f"/v1/cycles/{cycle['id']}/close")

        submit = await team.owner.client.post(f"{path(objective)}/submit")
        put = await team.owner.client.put(path(objective), json=ANSWERS)
        read = await team.manager.client.get(path(objective))

        assert_problem(submit, 409, "review.cycle_not_in_review")
        assert_problem(put, 409, "review.cycle_not_in_review")
        assert read.status_code == 200

    async def test_if_match_guards_the_review(self, app: FastAPI, admin: Actor, team: Team) -> None:
        objective = await objective_in(app, admin, team.owner)
        await team.owner.client.put(path(objective), json=ANSWERS)
        await team.owner.client.put(path(objective), json={"achieved": True, **ANSWERS})

        stale = await team.owner.client.put(
            path(objective), json=ANSWERS, headers={"If-Match": '"1"'}
        )
        current = await team.owner.client.post(
            f"{path(objective)}/submit", headers={"If-Match": '"2"'}
        )

        assert_problem(stale, 412, "precondition.failed")
        assert current.status_code == 200, current.text


FLAG_CASES = [
    ("0.85", True, ["too_easy"]),
    ("0.84", True, []),
    ("1.00", False, ["too_easy", "krs_met_objective_missed"]),
    ("0.40", True, []),
    ("0.39", True, ["reconsider"]),
    ("0.70", False, ["krs_met_objective_missed"]),
    ("0.69", False, []),
    ("0.70", True, []),
]


class TestFlags:
    @pytest.mark.parametrize(("score", "achieved", "flags"), FLAG_CASES)
    async def test_flags_at_their_boundaries(
        self,
        app: FastAPI,
        admin: Actor,
        team: Team,
        score: str,
        achieved: bool,
        flags: list[str],
    ) -> None:
        objective = await objective_in(app, admin, team.owner, key_results=[("100", score)])

        response = await team.owner.client.put(
            path(objective), json={"achieved": achieved, **ANSWERS}
        )

        assert response.status_code == 200, response.text
        assert response.json()["flags"] == flags
