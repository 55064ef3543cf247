"""A whole quarter through HTTP, on both databases: planning, agreement, tracking, review, close.

An organisation (a company led by a CEO, a sales department with its head, a seller reporting to
the head) sets company, department and individual OKRs inside a year, aligns them upward (the
department's objective feeds a derived KR of the company's), agrees them with the right approvers,
tracks them with check-ins (the §3 worked example: 0.669, fair), reviews and confirms them, and
closes the quarter, after which it is read-only.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Actor, MakeActor
from tests.support.problems import assert_problem


async def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (response.request.url, response.text)
    body: dict[str, Any] = response.json()
    return body


async def post(
    actor: Actor, path: str, body: dict[str, Any] | None = None, status: int = 200
) -> Any:
    return await ok(await actor.client.post(path, json=body or {}), status)


async def objective_with_krs(
    owner: Actor,
    cycle_id: str,
    owner_type: str,
    owner_id: str,
    title: str,
    krs: list[dict[str, Any]],
) -> tuple[str, list[str]]:
    created = await post(
        owner,
        "/v1/objectives",
        {"cycle_id": cycle_id, "owner_type": owner_type, "owner_id": owner_id, "title": title},
        status=201,
    )
    kr_ids = []
    for kr in krs:
        body = {"due_on": "2026-03-31", **kr}
        kr_ids.append(
            (await post(owner, f"/v1/objectives/{created['id']}/key-results", body, 201))["id"]
        )
    return created["id"], kr_ids


async def test_a_quarter_from_planning_to_close(admin: Actor, make_actor: MakeActor) -> None:
    # Organisation
    company = await post(admin, "/v1/org-units", {"name": "Acme"}, 201)
    sales = await post(admin, "/v1/org-units", {"name": "Sales", "parent_id": company["id"]}, 201)
    ceo = await make_actor(unit_id=company["id"])
    head = await make_actor(unit_id=sales["id"], manager_id=ceo.id)
    seller = await make_actor(unit_id=sales["id"], manager_id=head.id)
    await ok(await admin.client.patch(f"/v1/org-units/{company['id']}", json={"head_id": ceo.id}))
    await ok(await admin.client.patch(f"/v1/org-units/{sales['id']}", json={"head_id": head.id}))

    # Cycles: a year and its first quarter, planning
    year = await post(
        admin,
        "/v1/cycles",
        {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        201,
    )
    quarter = await post(
        admin,
        "/v1/cycles",
        {
            "name": "2026 Q1",
            "kind": "quarterly",
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
            "parent_id": year["id"],
        },
        201,
    )
    q = quarter["id"]

    # Planning: company, department and individual OKRs
    company_obj, (derived_kr, nps_kr) = await objective_with_krs(
        ceo,
        q,
        "unit",
        company["id"],
        "Become the first choice of mid-sized customers",
        [
            {"title": "Sales delivers its goal", "kind": "derived", "weight": 50},
            {"title": "Ship the onboarding revamp", "kind": "milestone", "weight": 50},
        ],
    )
    await post(ceo, f"/v1/objectives/{company_obj}/submit")
    assert (await post(admin, f"/v1/objectives/{company_obj}/approve"))["state"] == "agreed"
    sales_obj, _ = await objective_with_krs(
        head,
        q,
        "unit",
        sales["id"],
        "Sign 30 new customers this quarter",
        [
            {"title": "Ads: 8 new customers", "weight": 30, "start_value": 0, "target_value": 8},
            {"title": "Visits: 12 signings", "weight": 40, "start_value": 0, "target_value": 12},
            {"title": "Fairs: 10 customers", "weight": 30, "start_value": 0, "target_value": 10},
        ],
    )
    await post(
        head,
        "/v1/alignments",
        {"child_objective_id": sales_obj, "parent_key_result_id": derived_kr},
        201,
    )
    upside_down = await admin.client.post(
        "/v1/alignments", json={"child_objective_id": company_obj, "parent_objective_id": sales_obj}
    )
    assert upside_down.status_code == 409, upside_down.text
    assert (await post(head, f"/v1/objectives/{sales_obj}/submit"))["state"] == "proposed"
    assert_problem(
        await head.client.post(f"/v1/objectives/{sales_obj}/approve"),
        403,
        "objective.self_approval",
    )
    assert (await post(ceo, f"/v1/objectives/{sales_obj}/approve"))["state"] == "agreed"

    # The seller cascades from the now public department objective
    seller_obj, (calls_kr,) = await objective_with_krs(
        seller,
        q,
        "person",
        seller.id,
        "Master the enterprise pitch",
        [
            {
                "title": "Cut lost deals from 20 to 10",
                "weight": 100,
                "start_value": 20,
                "target_value": 10,
            }
        ],
    )
    await post(
        seller,
        "/v1/alignments",
        {"child_objective_id": seller_obj, "parent_objective_id": sales_obj},
        201,
    )
    assert (await post(seller, f"/v1/objectives/{seller_obj}/submit"))["state"] == "proposed"
    assert_problem(
        await seller.client.post(f"/v1/objectives/{seller_obj}/approve"),
        403,
        "objective.self_approval",
    )
    assert (await post(head, f"/v1/objectives/{seller_obj}/approve"))["state"] == "agreed"
    frozen = await head.client.patch(f"/v1/objectives/{sales_obj}", json={"title": "Sign 40"})
    assert frozen.status_code == 409, frozen.text

    # Tracking: check-ins move KRs, the objective and the derived KR above it
    activated = await post(admin, f"/v1/cycles/{q}/activate")
    assert activated["state"] == "active"
    sales_krs = (await ok(await head.client.get(f"/v1/objectives/{sales_obj}")))["key_results"]
    for kr, value in zip(sales_krs, (5, 9, 6), strict=True):
        await post(
            head,
            f"/v1/key-results/{kr['id']}/check-ins",
            {
                "value": value,
                "confidence": 6,
                "note": "weekly",
                "observed_at": "2026-02-02T09:00:00Z",
            },
            201,
        )
    await post(
        seller,
        f"/v1/key-results/{calls_kr}/check-ins",
        {
            "value": 13,
            "confidence": 7,
            "note": "better pitch",
            "observed_at": "2026-02-03T09:00:00Z",
        },
        201,
    )
    await post(
        ceo,
        f"/v1/key-results/{nps_kr}/check-ins",
        {"done": True, "observed_at": "2026-02-04T09:00:00Z"},
        201,
    )

    sales_now = await ok(await seller.client.get(f"/v1/objectives/{sales_obj}"))
    assert [kr["score"] for kr in sales_now["key_results"]] == [0.63, 0.75, 0.6]
    assert (sales_now["score"], sales_now["grade"]) == (0.669, "fair")
    company_now = await ok(await seller.client.get(f"/v1/objectives/{company_obj}"))
    scores = {kr["id"]: kr["score"] for kr in company_now["key_results"]}
    assert scores == {derived_kr: 0.67, nps_kr: 1.0}
    assert (company_now["score"], company_now["grade"]) == (0.835, "good")
    seller_now = await ok(await seller.client.get(f"/v1/objectives/{seller_obj}"))
    assert (seller_now["score"], seller_now["grade"]) == (0.7, "good")

    # Review: the owner reviews, the approver confirms
    await post(admin, f"/v1/cycles/{q}/start-review")
    answers = {
        "achieved": True,
        "goal": "Grow the mid-market base.",
        "results": "27 of 30; the plan moves trade fairs earlier.",
        "measures": "Visits worked best.",
        "problems": "Ads were late; fixed in March.",
        "lessons": "Start fairs in week 2. Self-evaluation: fair.",
    }
    review = await ok(await head.client.put(f"/v1/objectives/{sales_obj}/review", json=answers))
    assert (review["score"], review["grade"]) == (0.669, "fair")
    await post(head, f"/v1/objectives/{sales_obj}/review/submit")
    by_owner = await head.client.post(f"/v1/objectives/{sales_obj}/review/confirm")
    assert by_owner.status_code == 403, by_owner.text
    confirmed = await post(ceo, f"/v1/objectives/{sales_obj}/review/confirm")
    assert confirmed["state"] == "confirmed"
    assert confirmed["flags"] == []

    # Close: read-only for ever, still readable and reported
    closed = await post(admin, f"/v1/cycles/{q}/close")
    assert closed["state"] == "closed"
    late = await head.client.post(
        f"/v1/key-results/{sales_krs[0]['id']}/check-ins",
        json={"value": 8, "observed_at": "2026-03-30T09:00:00Z"},
    )
    assert late.status_code == 409, late.text
    report = await ok(await seller.client.get(f"/v1/cycles/{q}/report"))
    assert report["objectives"] == 3
    completion = report["review_completion"]
    assert (completion["due"], completion["missing"], completion["confirmed"]) == (3, 2, 1)
    graph = await seller.client.get(f"/v1/cycles/{q}/alignment-graph", params={"format": "mermaid"})
    assert graph.status_code == 200
    assert "Sign 30 new customers this quarter" in graph.text
