"""``/v1/policy``: defaults, admin changes, every violation at once, If-Match."""

from __future__ import annotations

import httpx

from tests.conftest import MakeActor
from tests.support.etags import tag_version
from tests.support.problems import assert_problem


class TestPolicy:
    async def test_defaults_are_the_domain_defaults_as_numbers(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.get("/v1/policy")

        assert response.status_code == 200
        body = response.json()
        assert body["max_objectives_per_owner"] == 5
        assert body["grade_good"] == 0.7
        assert body["weights_total"] == 100
        assert tag_version(response) == 1

    async def test_admin_changes_fields_and_version_moves(self, client: httpx.AsyncClient) -> None:
        response = await client.patch(
            "/v1/policy", json={"max_objectives_per_owner": 4, "sweet_spot_high": 0.75}
        )

        assert response.status_code == 200, response.text
        assert response.json()["max_objectives_per_owner"] == 4
        assert response.json()["sweet_spot_high"] == 0.75
        again = await client.get("/v1/policy")
        assert again.json()["sweet_spot_high"] == 0.75
        assert again.headers["etag"] == response.headers["etag"]
        assert tag_version(again) != 1

    async def test_inconsistent_policy_is_409_naming_every_violation(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.patch(
            "/v1/policy",
            json={"min_objectives_per_owner": 9, "grade_pass": 0.95, "sweet_spot_low": 0.8},
        )

        body = assert_problem(response, 409, "policy.violated")
        codes = {e["code"] for e in body["errors"]}  # type: ignore[attr-defined]
        fields = {e["field"] for e in body["errors"]}  # type: ignore[attr-defined]
        assert {"policy.min_above_max", "policy.bands_not_ordered"} <= codes
        assert {"min_objectives_per_owner", "sweet_spot_low"} <= fields
        assert len(body["errors"]) >= 3  # type: ignore[arg-type]
        assert (await client.get("/v1/policy")).json()["min_objectives_per_owner"] == 2

    async def test_stale_if_match_is_412(self, client: httpx.AsyncClient) -> None:
        await client.patch("/v1/policy", json={"stale_after_days": 8})

        response = await client.patch(
            "/v1/policy", json={"stale_after_days": 9}, headers={"If-Match": '"1"'}
        )

        assert_problem(response, 412, "precondition.failed")

    async def test_members_may_not_change_it(self, make_actor: MakeActor) -> None:
        member = await make_actor()

        response = await member.client.patch("/v1/policy", json={"stale_after_days": 3})

        assert_problem(response, 403, "permission.admin_required")
