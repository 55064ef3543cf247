"""A quarter reviewed after it ends, through HTTP on both databases: the owners review, the
manager confirms (adjusting one KR with a reason), and the report, the exports and the review
meeting's agenda (JSON and Markdown) use the confirmed scores.

The hand-computed fixture (start 0 everywhere; okr-domain §3 arithmetic):

Sales (unit, head), "Sign 30 new customers": weights 30/40/30, targets 8/12/10, actuals 5/9/6
  KR scores 0.63 / 0.75 / 0.60, deviations -3 / -3 / -4; objective 0.3·0.63 + 0.4·0.75 + 0.3·0.60
  = 0.669, fair. Reviewed, confirmed without adjustment.
Seller, "Close the big accounts": weights 20/50/30, targets 250/400/350, actuals 200/380/310
  KR scores 0.80 / 0.95 / 0.89, deviations -50 / -20 / -40; proposed 0.16 + 0.475 + 0.267 = 0.902,
  excellent, too_easy. The head adjusts KR 2 to 0.70: confirmed 0.16 + 0.35 + 0.267 = 0.777,
  good, no flag.
Seller, "Launch the partner channel": weights 50/50, targets 10/4, actual 3 and none
  KR scores 0.30 / 0.00, deviations -7 / none; objective 0.150, poor, reconsider. No review.

Agenda of Sales: the unit's objective first, then the seller's by title. Mean final score
(0.669 + 0.777 + 0.150) / 3 = 0.532; grades fair 1, good 1, poor 1; flags reconsider 1.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.builders import add_kr, make_cycle, make_objective, make_unit, post_ok
from tests.support.problems import assert_problem

ANSWERS = {
    "achieved": True,
    "goal": "Win the accounts that matter.",
    "results": "Short of target on every KR; the plan moves fairs earlier.",
    "measures": "Visits worked best.",
    "problems": "Ads came late; moved budget to visits.",
    "lessons": "Start in week 2. Self-evaluation: good.",
}


async def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.request.url, response.text)
    return response.json()


async def agreed(
    owner: Actor,
    approver: Actor,
    cycle_id: str,
    title: str,
    krs: list[tuple[int, int]],
    *,
    owner_type: str = "person",
    owner_id: str | None = None,
    due_on: str = "2026-03-31",
) -> tuple[str, list[str]]:
    """An agreed objective with KRs ``(weight, target)`` from 0; its id and its KR ids."""
    made = await make_objective(
        owner.client, cycle_id, owner_id or owner.id, owner_type=owner_type, title=title
    )
    kr_ids = []
    for n, (weight, target) in enumerate(krs, start=1):
        kr = await add_kr(
            owner.client,
            made["id"],
            title=f"{title} KR {n}",
            weight=weight,
            target_value=target,
            due_on=due_on,
        )
        kr_ids.append(kr["id"])
    await post_ok(owner.client, f"/v1/objectives/{made['id']}/submit", None, 200)
    await post_ok(approver.client, f"/v1/objectives/{made['id']}/approve", None, 200)
    return made["id"], kr_ids


async def check_in(actor: Actor, kr_id: str, value: int) -> None:
    body = {"value": value, "confidence": 6, "note": "end of quarter"}
    await post_ok(actor.client, f"/v1/key-results/{kr_id}/check-ins", body)


async def review_and_submit(owner: Actor, objective_id: str) -> None:
    await ok(await owner.client.put(f"/v1/objectives/{objective_id}/review", json=ANSWERS))
    await post_ok(owner.client, f"/v1/objectives/{objective_id}/review/submit", None, 200)


async def test_a_quarter_reviewed_after_its_end_with_one_kr_adjusted(
    admin: Actor, make_actor: MakeActor
) -> None:
    company = await make_unit(admin.client, "Acme")
    ceo = await make_actor(name="Cleo CEO", unit_id=company)
    sales = await make_unit(admin.client, "Sales", parent_id=company)
    head = await make_actor(name="Hana Head", unit_id=sales, manager_id=ceo.id)
    seller = await make_actor(name="Sam Seller", unit_id=sales, manager_id=head.id)
    peer = await make_actor(name="Pia Peer", unit_id=company, manager_id=ceo.id)
    for unit, person in ((company, ceo), (sales, head)):
        await ok(await admin.client.patch(f"/v1/org-units/{unit}", json={"head_id": person.id}))
    quarter = (await make_cycle(admin.client, name="Q1 2026"))["id"]

    # Planning and agreement
    sales_obj, sales_krs = await agreed(
        head,
        ceo,
        quarter,
        "Sign 30 new customers",
        [(30, 8), (40, 12), (30, 10)],
        owner_type="unit",
        owner_id=sales,
    )
    big_obj, big_krs = await agreed(
        seller, head, quarter, "Close the big accounts", [(20, 250), (50, 400), (30, 350)]
    )
    channel_obj, channel_krs = await agreed(
        seller, head, quarter, "Launch the partner channel", [(50, 10), (50, 4)]
    )

    # Tracking
    await post_ok(admin.client, f"/v1/cycles/{quarter}/activate", None, 200)
    for kr_id, value in zip(sales_krs, (5, 9, 6), strict=True):
        await check_in(head, kr_id, value)
    for kr_id, value in zip(big_krs, (200, 380, 310), strict=True):
        await check_in(seller, kr_id, value)
    await check_in(seller, channel_krs[0], 3)

    # The quarter has ended: its review, written in the first week after the end
    await post_ok(admin.client, f"/v1/cycles/{quarter}/start-review", None, 200)
    await review_and_submit(head, sales_obj)
    await review_and_submit(seller, big_obj)
    submitted = await ok(await peer.client.get(f"/v1/objectives/{big_obj}/review"))
    assert (submitted["score"], submitted["grade"], submitted["flags"]) == (
        0.902,
        "excellent",
        ["too_easy"],
    )
    assert submitted["confirmed_score"] is None

    # Refused as a whole: an adjustment without a reason and an unknown KR, nothing written
    refused = await head.client.post(
        f"/v1/objectives/{big_obj}/review/confirm",
        json={
            "note": "Let's talk",
            "adjustments": [
                {"key_result_id": big_krs[1], "score": 0.7},
                {"key_result_id": sales_krs[0], "score": 0.5, "reason": "not this one"},
            ],
        },
    )
    problem = assert_problem(refused, 409, "review.invalid")
    codes = sorted(e["code"] for e in problem["errors"])  # type: ignore[attr-defined]
    assert codes == ["review.adjustment_reason_required", "review.unknown_key_result"]
    still = await ok(await head.client.get(f"/v1/objectives/{big_obj}/review"))
    assert (still["state"], still["confirm_note"]) == ("submitted", None)

    # The seller may not confirm their own review; the head confirms and adjusts one KR
    own = await seller.client.post(f"/v1/objectives/{big_obj}/review/confirm", json={})
    assert own.status_code == 403, own.text
    confirmed = await ok(
        await head.client.post(
            f"/v1/objectives/{big_obj}/review/confirm",
            json={
                "note": "Strong quarter; visits were over-counted.",
                "adjustments": [
                    {
                        "key_result_id": big_krs[1],
                        "score": 0.7,
                        "reason": "two signings were renewals, not new accounts",
                    }
                ],
            },
        )
    )
    assert confirmed["state"] == "confirmed"
    assert (confirmed["score"], confirmed["grade"], confirmed["flags"]) == (
        0.902,
        "excellent",
        ["too_easy"],
    )
    assert (
        confirmed["confirmed_score"],
        confirmed["confirmed_grade"],
        confirmed["confirmed_flags"],
    ) == (0.777, "good", [])
    assert confirmed["confirm_note"] == "Strong quarter; visits were over-counted."
    krs = [
        (k["final_score"], k["confirmed_score"], k["adjusted"], k["adjustment_reason"])
        for k in confirmed["key_results"]
    ]
    assert krs == [
        (0.8, 0.8, False, None),
        (0.95, 0.7, True, "two signings were renewals, not new accounts"),
        (0.89, 0.89, False, None),
    ]
    sales_confirmed = await ok(
        await ceo.client.post(f"/v1/objectives/{sales_obj}/review/confirm", json={"note": "Good"})
    )
    assert (sales_confirmed["confirmed_score"], sales_confirmed["confirmed_grade"]) == (
        0.669,
        "fair",
    )
    # Without a body, a confirmation keeps the owner's scores (the note is optional)
    assert sales_confirmed["key_results"][0]["confirmed_score"] == 0.63

    # The report uses the confirmed score
    report = await ok(await peer.client.get(f"/v1/cycles/{quarter}/report"))
    assert report["scores"]["mean"] == 0.532
    assert report["scores"]["grades"] == {
        "excellent": 0,
        "good": 1,
        "fair": 1,
        "pass": 0,
        "poor": 1,
    }
    completion = report["review_completion"]
    assert (completion["due"], completion["missing"], completion["confirmed"]) == (3, 1, 2)

    # So does the export (the computed score stays beside it)
    exported = await admin.client.get(
        "/v1/exports/objectives", params={"format": "csv", "cycle_id": quarter}
    )
    assert exported.status_code == 200, exported.text
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(exported.text))}
    big = rows["Close the big accounts"]
    assert (big["score"], big["grade"], big["final_score"], big["final_grade"]) == (
        "0.902",
        "excellent",
        "0.777",
        "good",
    )
    channel = rows["Launch the partner channel"]
    assert (channel["final_score"], channel["final_grade"]) == ("0.150", "poor")
    reviews = await admin.client.get(
        "/v1/exports/reviews", params={"format": "ndjson", "cycle_id": quarter}
    )
    assert '"confirmed_score":0.777' in reviews.text.replace(" ", ""), reviews.text

    # The review meeting's agenda, JSON
    digest_path = f"/v1/org-units/{sales}/digests/review"
    digest = await ok(await peer.client.get(digest_path, params={"cycle_id": quarter}))
    assert (digest["unit_name"], digest["cycle_name"]) == ("Sales", "Q1 2026")
    assert digest["summary"] == {
        "objectives": 3,
        "reviews_missing": 1,
        "reviews_draft": 0,
        "reviews_submitted": 0,
        "reviews_confirmed": 2,
        "mean_score": 0.532,
        "grades": {"excellent": 0, "good": 1, "fair": 1, "pass": 0, "poor": 1},
        "flagged": {"too_easy": 0, "reconsider": 1, "krs_met_objective_missed": 0},
    }
    items = digest["items"]
    assert [(i["position"], i["title"], i["owner_name"]) for i in items] == [
        (1, "Sign 30 new customers", "Sales"),
        (2, "Close the big accounts", "Sam Seller"),
        (3, "Launch the partner channel", "Sam Seller"),
    ]
    figures = [
        (
            i["review_state"],
            i["computed_score"],
            i["proposed_score"],
            i["confirmed_score"],
            i["score"],
            i["grade"],
            i["flags"],
        )
        for i in items
    ]
    assert figures == [
        ("confirmed", 0.669, 0.669, 0.669, 0.669, "fair", []),
        ("confirmed", 0.902, 0.902, 0.777, 0.777, "good", []),
        (None, 0.15, None, None, 0.15, "poor", ["reconsider"]),
    ]
    kr_figures = [
        [
            (
                k["target_value"],
                k["actual_value"],
                k["deviation"],
                k["computed_score"],
                k["proposed_score"],
                k["confirmed_score"],
                k["final_score"],
                k["gap"],
            )
            for k in i["key_results"]
        ]
        for i in items
    ]
    assert kr_figures == [
        [
            (8, 5, -3, 0.63, 0.63, 0.63, 0.63, 0.37),
            (12, 9, -3, 0.75, 0.75, 0.75, 0.75, 0.25),
            (10, 6, -4, 0.6, 0.6, 0.6, 0.6, 0.4),
        ],
        [
            (250, 200, -50, 0.8, 0.8, 0.8, 0.8, 0.2),
            (400, 380, -20, 0.95, 0.95, 0.7, 0.7, 0.3),
            (350, 310, -40, 0.89, 0.89, 0.89, 0.89, 0.11),
        ],
        [
            (10, 3, -7, 0.3, None, None, 0.3, 0.7),
            (4, None, None, 0.0, None, None, 0.0, 1.0),
        ],
    ]
    assert items[1]["answers"]["lessons"] == ANSWERS["lessons"]
    assert items[1]["confirm_note"] == "Strong quarter; visits were over-counted."
    assert items[1]["key_results"][1]["adjustment_reason"] == (
        "two signings were renewals, not new accounts"
    )
    assert items[2]["answers"] is None

    # ... and Markdown
    markdown = await peer.client.get(
        digest_path, params={"cycle_id": quarter}, headers={"Accept": "text/markdown"}
    )
    assert markdown.status_code == 200, markdown.text
    assert markdown.headers["content-type"].startswith("text/markdown")
    text = markdown.text
    assert text.startswith("# Review meeting: Sales, Q1 2026\n")
    assert "- Mean score: 0.532" in text
    assert "- Reviews: 2 confirmed, 0 submitted, 0 draft, 1 missing" in text
    assert text.index("## 1. Sign 30 new customers") < text.index("## 2. Close the big accounts")
    assert text.index("## 2. Close the big") < text.index("## 3. Launch the partner channel")
    assert (
        "| Close the big accounts KR 2 | 50% | 400 | 380 | -20 | 0.95 | 0.95 | 0.70 | 0.70 "
        "| two signings were renewals, not new accounts |"
    ) in text
    assert "| Launch the partner channel KR 2 | 50% | 4 | – | – | 0.00 | – | – | 0.00 |  |" in text
    assert "- Score: 0.777 (good); computed 0.902, proposed 0.902, confirmed 0.777" in text
    assert "- Flags: reconsider" in text
    assert "- Manager's note: Strong quarter; visits were over-counted." in text
    assert f"- **Lessons, next steps, self-evaluation:** {ANSWERS['lessons']}" in text

    # Unknown unit or cycle: 404
    assert (await peer.client.get(digest_path, params={"cycle_id": sales})).status_code == 404
    unknown_unit = await peer.client.get(
        f"/v1/org-units/{quarter}/digests/review", params={"cycle_id": quarter}
    )
    assert unknown_unit.status_code == 404


async def test_a_draft_review_is_on_the_agenda_only_for_its_draft_readers(
    admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_unit(admin.client, "Team")
    lead = await make_actor(name="Lead", unit_id=team)
    member = await make_actor(name="Member", unit_id=team, manager_id=lead.id)
    colleague = await make_actor(name="Colleague", unit_id=team, manager_id=lead.id)
    quarter = (await make_cycle(admin.client))["id"]
    objective, (kr,) = await agreed(member, lead, quarter, "Grow", [(100, 10)])
    await post_ok(admin.client, f"/v1/cycles/{quarter}/activate", None, 200)
    await check_in(member, kr, 7)
    await post_ok(admin.client, f"/v1/cycles/{quarter}/start-review", None, 200)
    draft = {**ANSWERS, "lessons": "DRAFT-LESSON"}
    await ok(await member.client.put(f"/v1/objectives/{objective}/review", json=draft))

    path = f"/v1/org-units/{team}/digests/review"
    seen = await ok(await lead.client.get(path, params={"cycle_id": quarter}))
    hidden = await ok(await colleague.client.get(path, params={"cycle_id": quarter}))

    assert seen["items"][0]["review_state"] == "draft"
    assert seen["items"][0]["answers"]["lessons"] == "DRAFT-LESSON"
    assert seen["summary"]["reviews_draft"] == 1
    assert hidden["items"][0]["review_state"] is None
    assert hidden["items"][0]["answers"] is None
    assert (hidden["items"][0]["score"], hidden["summary"]["reviews_missing"]) == (0.7, 1)
    as_markdown = await colleague.client.get(
        path, params={"cycle_id": quarter}, headers={"Accept": "text/markdown"}
    )
    assert "DRAFT-LESSON" not in as_markdown.text


async def test_follow_ups_carry_into_the_next_cycle_and_its_report_lists_them(
    admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_unit(admin.client, "Team")
    lead = await make_actor(name="Lead", unit_id=team)
    member = await make_actor(name="Mia Member", unit_id=team, manager_id=lead.id)
    colleague = await make_actor(name="Colleague", unit_id=team, manager_id=lead.id)
    q1 = (await make_cycle(admin.client, name="Q1 2026"))["id"]
    q2 = (
        await make_cycle(admin.client, name="Q2 2026", starts_on="2026-04-01", ends_on="2026-06-30")
    )["id"]
    objective, (kr,) = await agreed(member, lead, q1, "Grow", [(100, 10)])
    await post_ok(admin.client, f"/v1/cycles/{q1}/activate", None, 200)
    await check_in(member, kr, 6)
    await post_ok(admin.client, f"/v1/cycles/{q1}/start-review", None, 200)
    path = f"/v1/objectives/{objective}/review"

    refused = await member.client.put(
        path,
        json={
            **ANSWERS,
            "follow_ups": [
                {"title": "Same quarter", "owner_id": member.id, "carry_to_cycle_id": q1},
                {
                    "title": "Late",
                    "owner_id": q1,
                    "carry_to_cycle_id": q2,
                    "due_on": "2026-07-15",
                },
            ],
        },
    )
    problem = assert_problem(refused, 409, "review.invalid")
    codes = sorted(e["code"] for e in problem["errors"])  # type: ignore[attr-defined]
    assert codes == [
        "review.follow_up_due_outside_cycle",
        "review.follow_up_not_later",
        "review.follow_up_unknown_owner",
    ]
    assert (await member.client.get(path)).status_code == 404  # nothing written

    follow_ups = [
        {
            "title": "Book the fairs in week 2",
            "owner_id": member.id,
            "carry_to_cycle_id": q2,
            "due_on": "2026-04-14",
        },
        {"title": "Pair with the lead on demos", "owner_id": lead.id, "carry_to_cycle_id": q2},
    ]
    written = await ok(await member.client.put(path, json={**ANSWERS, "follow_ups": follow_ups}))
    assert [(f["title"], f["state"]) for f in written["follow_ups"]] == [
        ("Book the fairs in week 2", "open"),
        ("Pair with the lead on demos", "open"),
    ]
    kept = await ok(await member.client.put(path, json=ANSWERS))
    assert [f["id"] for f in kept["follow_ups"]] == [f["id"] for f in written["follow_ups"]]

    # While the review is a draft, its follow-ups are seen as it is
    hidden = await ok(await colleague.client.get(f"/v1/cycles/{q2}/report"))
    seen = await ok(await lead.client.get(f"/v1/cycles/{q2}/report"))
    assert hidden["open_follow_ups"] == []
    assert [(f["title"], f["owner_name"], f["due_on"]) for f in seen["open_follow_ups"]] == [
        ("Book the fairs in week 2", "Mia Member", "2026-04-14"),
        ("Pair with the lead on demos", "Lead", None),
    ]
    assert seen["open_follow_ups"][0]["objective_id"] == objective

    await post_ok(member.client, f"{path}/submit", None, 200)
    public = await ok(await colleague.client.get(f"/v1/cycles/{q2}/report"))
    assert len(public["open_follow_ups"]) == 2
    own_cycle = await ok(await lead.client.get(f"/v1/cycles/{q1}/report"))
    assert own_cycle["open_follow_ups"] == []


async def test_a_follow_up_becomes_an_initiative_in_the_next_cycle_once(
    admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_unit(admin.client, "Team")
    lead = await make_actor(name="Lead", unit_id=team)
    member = await make_actor(name="Mia Member", unit_id=team, manager_id=lead.id)
    outsider = await make_actor(name="Outsider", unit_id=team)
    q1 = (await make_cycle(admin.client, name="Q1 2026"))["id"]
    q2 = (
        await make_cycle(admin.client, name="Q2 2026", starts_on="2026-04-01", ends_on="2026-06-30")
    )["id"]
    objective, (kr,) = await agreed(member, lead, q1, "Grow", [(100, 10)])
    await post_ok(admin.client, f"/v1/cycles/{q1}/activate", None, 200)
    await post_ok(admin.client, f"/v1/cycles/{q1}/start-review", None, 200)
    follow_up = {
        "title": "Book the fairs in week 2",
        "owner_id": member.id,
        "carry_to_cycle_id": q2,
        "due_on": "2026-04-14",
    }
    review = await ok(
        await member.client.put(
            f"/v1/objectives/{objective}/review", json={**ANSWERS, "follow_ups": [follow_up]}
        )
    )
    follow_up_id = review["follow_ups"][0]["id"]
    _next, (next_kr,) = await agreed(
        member, lead, q2, "Grow more", [(100, 20)], due_on="2026-06-30"
    )
    carry = f"/v1/review-follow-ups/{follow_up_id}/carry"

    wrong_cycle = await member.client.post(carry, json={"key_result_id": kr})
    hidden = await outsider.client.post(carry, json={"key_result_id": next_kr})
    carried = await member.client.post(carry, json={"key_result_id": next_kr})
    again = await member.client.post(carry, json={"key_result_id": next_kr})

    assert_problem(wrong_cycle, 409, "review.follow_up_wrong_cycle")
    assert_problem(hidden, 404, "review.follow_up_not_found")  # a draft review's follow-up
    assert carried.status_code == 201, carried.text
    assert carried.json()["state"] == "carried"
    initiative = await ok(
        await member.client.get(f"/v1/initiatives/{carried.json()['initiative_id']}")
    )
    assert (
        initiative["key_result_id"],
        initiative["title"],
        initiative["assignee_id"],
        initiative["due_on"],
    ) == (next_kr, "Book the fairs in week 2", member.id, "2026-04-14")
    assert_problem(again, 409, "review.follow_up_carried")
    initiatives = await ok(await member.client.get(f"/v1/key-results/{kr}/initiatives"))
    assert initiatives["items"] == []  # the refused carry wrote nothing
    report = await ok(await lead.client.get(f"/v1/cycles/{q2}/report"))
    assert report["open_follow_ups"] == []
