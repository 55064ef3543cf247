"""``/v1/people`` and personal access tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import Actor, MakeActor
from tests.support.problems import assert_problem


async def person(client: httpx.AsyncClient, name: str, **fields: object) -> str:
    body = {"name": name, "email": f"{name.lower()}@example.com", **fields}
    response = await client.post("/v1/people", json=body)
    assert response.status_code == 201, response.text
    person_id: str = response.json()["id"]
    return person_id


class TestPeople:
    async def test_create_read_update(self, client: httpx.AsyncClient) -> None:
        boss = await person(client, "Boss")
        ann = await person(client, "Ann", manager_id=boss, external_id="hr-1")

        patched = await client.patch(f"/v1/people/{ann}", json={"name": "Ann B", "role": "admin"})
        got = (await client.get(f"/v1/people/{ann}")).json()

        assert patched.status_code == 200, patched.text
        assert got["name"] == "Ann B"
        assert got["role"] == "admin"
        assert got["manager_id"] == boss
        assert got["external_id"] == "hr-1"
        assert got["active"] is True

    async def test_taken_email_is_409(self, client: httpx.AsyncClient) -> None:
        await person(client, "Ann")

        response = await client.post("/v1/people", json={"name": "Ann", "email": "ANN@example.com"})

        assert_problem(response, 409, "person.email_taken")

    async def test_manager_loop_is_refused(self, client: httpx.AsyncClient) -> None:
        top = await person(client, "Top")
        middle = await person(client, "Middle", manager_id=top)
        low = await person(client, "Low", manager_id=middle)

        response = await client.patch(f"/v1/people/{top}", json={"manager_id": low})
        self_managed = await client.patch(f"/v1/people/{top}", json={"manager_id": top})

        assert_problem(response, 409, "person.manager_cycle")
        assert_problem(self_managed, 409, "person.manager_cycle")

    async def test_unknown_role_and_bad_email_are_422(self, client: httpx.AsyncClient) -> None:
        role = await client.post(
            "/v1/people", json={"name": "X", "email": "x@example.com", "role": "owner"}
        )
        email = await client.post("/v1/people", json={"name": "X", "email": "not an email"})

        assert_problem(role, 422, "request.invalid")
        assert_problem(email, 422, "request.invalid")

    async def test_null_for_a_required_field_is_422_but_clears_a_link(
        self, client: httpx.AsyncClient
    ) -> None:
        boss = await person(client, "Boss")
        ann = await person(client, "Ann", manager_id=boss)

        null_name = await client.patch(f"/v1/people/{ann}", json={"name": None})
        cleared = await client.patch(f"/v1/people/{ann}", json={"manager_id": None})

        body = assert_problem(null_name, 422, "request.invalid")
        assert [e["field"] for e in body["errors"]] == ["name"]  # type: ignore[attr-defined]
        assert cleared.status_code == 200
        assert cleared.json()["manager_id"] is None
        assert cleared.json()["name"] == "Ann"

    async def test_deactivation_keeps_the_person_and_stops_their_token(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        assert (await member.client.get("/v1/people")).status_code == 200

        response = await client.delete(f"/v1/people/{member.id}")

        assert response.status_code == 204
        assert (await client.get(f"/v1/people/{member.id}")).json()["active"] is False
        assert_problem(await member.client.get("/v1/people"), 401, "auth.unauthenticated")
        inactive = await client.get("/v1/people", params={"active": "false"})
        assert [p["id"] for p in inactive.json()["items"]] == [member.id]

    async def test_the_last_active_admin_cannot_go(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        demote = await client.patch(f"/v1/people/{admin.id}", json={"role": "member"})
        deactivate = await client.delete(f"/v1/people/{admin.id}")

        assert_problem(demote, 409, "person.last_admin")
        assert_problem(deactivate, 409, "person.last_admin")

    async def test_list_filters_by_role(
        self, client: httpx.AsyncClient, admin: Actor, make_actor: MakeActor
    ) -> None:
        await make_actor()
        await make_actor()

        admins = (await client.get("/v1/people", params={"role": "admin"})).json()
        members = (await client.get("/v1/people", params={"role": "member"})).json()

        assert [p["id"] for p in admins["items"]] == [admin.id]
        assert len(members["items"]) == 2


class TestTokens:
    async def test_token_is_shown_once_listed_without_secret_and_revocable(
        self, client: httpx.AsyncClient, anonymous: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        issued = await client.post(f"/v1/people/{member.id}/tokens", json={"name": "laptop"})
        token = issued.json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        assert (await anonymous.get("/v1/cycles", headers=auth)).status_code == 200

        listed = await client.get(f"/v1/people/{member.id}/tokens")
        revoked = await client.delete(f"/v1/people/{member.id}/tokens/{issued.json()['id']}")

        assert issued.status_code == 201
        assert token.startswith("okr_pat_")
        assert len(listed.json()["items"]) == 2
        assert all("token" not in item for item in listed.json()["items"])
        assert token not in listed.text
        assert revoked.status_code == 204
        assert_problem(await anonymous.get("/v1/cycles", headers=auth), 401, "auth.unauthenticated")

    async def test_only_admins_issue_tokens(self, make_actor: MakeActor) -> None:
        member = await make_actor()

        response = await member.client.post(f"/v1/people/{member.id}/tokens", json={"name": "x"})

        assert_problem(response, 403, "permission.admin_required")

    async def test_expired_token_is_401(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        anonymous: httpx.AsyncClient,
        make_actor: MakeActor,
    ) -> None:
        member = await make_actor()
        soon = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
        issued = await client.post(
            f"/v1/people/{member.id}/tokens", json={"name": "old", "expires_at": soon}
        )
        async with app.state.engine.begin() as conn:
            await conn.execute(
                text("UPDATE person_tokens SET expires_at = :t WHERE id = :id"),
                {"t": datetime.now(UTC) - timedelta(minutes=1), "id": issued.json()["id"]},
            )

        response = await anonymous.get(
            "/v1/cycles", headers={"Authorization": f"Bearer {issued.json()['token']}"}
        )

        assert_problem(response, 401, "auth.unauthenticated")
