"""The provisioning sequence an identity provider sends, replayed against ``/scim/v2``.

Create, look up by userName, patch attributes, patch the manager, deactivate, reactivate,
group membership add and remove, deprovision by DELETE; what each step leaves behind is read
back through ``/v1`` (the same people and units). Also: versions, SCIM errors, who may call.
"""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from tests.conftest import Actor, MakeActor
from tests.support.keys import new_key, with_key

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
SCIM_JSON = "application/scim+json"


def _user(user_name: str, email: str, **extra: Any) -> dict[str, Any]:
    return {
        "schemas": [USER, ENTERPRISE],
        "userName": user_name,
        "name": {"givenName": "Alice", "familyName": "Liddell"},
        "displayName": "Alice Liddell",
        "emails": [{"value": email, "type": "work", "primary": True}],
        "active": True,
        **extra,
    }


def _patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [PATCH_OP], "Operations": list(operations)}


def _scim_error(response: httpx.Response, status: int, scim_type: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(SCIM_JSON)
    body = response.json()
    assert body["schemas"] == [ERROR]
    assert str(body["status"]) == str(status)
    if scim_type is not None:
        assert body["scimType"] == scim_type, body


async def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    if status == 204:
        return {}
    assert response.headers["content-type"].startswith(SCIM_JSON)
    body: dict[str, Any] = response.json()
    return body


async def test_an_identity_provider_provisions_and_deprovisions_a_person(
    app: FastAPI, admin: Actor
) -> None:
    key = await new_key(admin, "scim")
    await admin.client.post("/v1/org-units", json={"name": "Company"})
    async with with_key(app, key["secret"]) as idp:
        # Look-up before create: nobody matches, a 200 with an empty list (never 404).
        empty = await _ok(await idp.get("/scim/v2/Users", params={"filter": 'userName eq "alice"'}))
        assert empty["totalResults"] == 0 and empty.get("Resources", []) == []

        created = await _ok(
            await idp.post(
                "/scim/v2/Users",
                json=_user(
                    "alice@idp.example",
                    "alice@example.com",
                    externalId="hr-001",
                    **{ENTERPRISE: {"employeeNumber": "001", "department": "Sales"}},
                ),
            ),
            201,
        )
        alice = created["id"]
        assert created["meta"]["location"].endswith(f"/scim/v2/Users/{alice}")
        assert created[ENTERPRISE]["department"] == "Sales"

        for query in (
            'userName eq "ALICE@idp.example"',
            'externalId eq "hr-001"',
            'emails[type eq "work"].value eq "alice@example.com"',
            'emails[type eq "work" and value co "alice"] and active eq true',
            'not (userName eq "nobody") and name.familyName sw "Lid"',
        ):
            found = await _ok(await idp.get("/scim/v2/Users", params={"filter": query}))
            assert [r["id"] for r in found["Resources"]] == [alice], query

        person = (await admin.client.get(f"/v1/people/{alice}")).json()
        assert person["email"] == "alice@example.com"
        assert person["name"] == "Alice Liddell"
        assert person["external_id"] == "hr-001"
        assert person["role"] == "member"

        # Patch attributes.
        patched = await _ok(
            await idp.patch(
                f"/scim/v2/Users/{alice}",
                json=_patch(
                    {"op": "replace", "path": "displayName", "value": "Alice Pleasance"},
                    {"op": "replace", "path": "name.givenName", "value": "Pleasance"},
                    {"op": "add", "path": f"{ENTERPRISE}:department", "value": "Marketing"},
                ),
            )
        )
        assert patched[ENTERPRISE]["department"] == "Marketing"
        assert (await admin.client.get(f"/v1/people/{alice}")).json()["name"] == "Alice Pleasance"

        # Patch the manager (the enterprise extension's URN path).
        bob = (
            await _ok(
                await idp.post("/scim/v2/Users", json=_user("bob@idp.example", "bob@example.com")),
                201,
            )
        )["id"]
        with_manager = await _ok(
            await idp.patch(
                f"/scim/v2/Users/{alice}",
                json=_patch(
                    {"op": "replace", "path": f"{ENTERPRISE}:manager", "value": {"value": bob}}
                ),
            )
        )
        assert with_manager[ENTERPRISE]["manager"]["value"] == bob
        assert (await admin.client.get(f"/v1/people/{alice}")).json()["manager_id"] == bob

        # Deactivate: the person stays, their token stops working.
        issued = await admin.client.post(f"/v1/people/{alice}/tokens", json={"name": "laptop"})
        token = issued.json()["token"]
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test",
            headers={"Authorization": f"Bearer {token}"},
        ) as as_alice:
            assert (await as_alice.get("/v1/people")).status_code == 200
            off = await _ok(
                await idp.patch(
                    f"/scim/v2/Users/{alice}",
                    json=_patch({"op": "replace", "path": "active", "value": False}),
                )
            )
            assert off["active"] is False
            assert (await admin.client.get(f"/v1/people/{alice}")).json()["active"] is False
            assert (await as_alice.get("/v1/people")).status_code == 401

            # Reactivate (as Azure AD sends it: no path, a value object): old tokens stay dead.
            on = await _ok(
                await idp.patch(
                    f"/scim/v2/Users/{alice}",
                    json=_patch({"op": "Replace", "value": {"active": True}}),
                )
            )
            assert on["active"] is True
            assert (await admin.client.get(f"/v1/people/{alice}")).json()["active"] is True
            assert (await as_alice.get("/v1/people")).status_code == 401

        # Group membership add and remove: the person's unit follows.
        group = await _ok(
            await idp.post("/scim/v2/Groups", json={"schemas": [GROUP], "displayName": "Sales"}),
            201,
        )
        sales = group["id"]
        unit = (await admin.client.get(f"/v1/org-units/{sales}")).json()
        assert unit["name"] == "Sales" and unit["parent_id"] is not None
        await _ok(
            await idp.patch(
                f"/scim/v2/Groups/{sales}",
                json=_patch({"op": "add", "path": "members", "value": [{"value": alice}]}),
            )
        )
        assert (await admin.client.get(f"/v1/people/{alice}")).json()["unit_id"] == sales
        members = await _ok(
            await idp.get("/scim/v2/Groups", params={"filter": f'members.value eq "{alice}"'})
        )
        assert [g["id"] for g in members["Resources"]] == [sales]
        await _ok(
            await idp.patch(
                f"/scim/v2/Groups/{sales}",
                json=_patch({"op": "remove", "path": f'members[value eq "{alice}"]'}),
            )
        )
        assert (await admin.client.get(f"/v1/people/{alice}")).json()["unit_id"] is None

        # Deprovision by DELETE: deactivated and kept, gone from SCIM.
        await _ok(await idp.delete(f"/scim/v2/Users/{alice}"), 204)
        _scim_error(await idp.get(f"/scim/v2/Users/{alice}"), 404)
        kept = await admin.client.get(f"/v1/people/{alice}")
        assert kept.status_code == 200 and kept.json()["active"] is False
        gone = await _ok(
            await idp.get("/scim/v2/Users", params={"filter": 'userName eq "alice@idp.example"'})
        )
        assert gone["totalResults"] == 0


async def test_versions_paging_and_attribute_selection(app: FastAPI, admin: Actor) -> None:
    key = await new_key(admin, "org:write")
    async with with_key(app, key["secret"]) as idp:
        ids = []
        for n in range(3):
            body = _user(f"user{n}@idp.example", f"user{n}@example.com", displayName=f"U{2 - n}")
            ids.append((await _ok(await idp.post("/scim/v2/Users", json=body), 201))["id"])

        got = await idp.get(f"/scim/v2/Users/{ids[0]}")
        etag = got.headers["etag"]
        assert etag == got.json()["meta"]["version"]
        replaced = await idp.put(
            f"/scim/v2/Users/{ids[0]}",
            json=_user("user0@idp.example", "user0@example.com", displayName="Zed"),
            headers={"If-Match": etag},
        )
        assert replaced.status_code == 200, replaced.text
        assert replaced.headers["etag"] != etag
        stale = await idp.put(
            f"/scim/v2/Users/{ids[0]}",
            json=_user("user0@idp.example", "user0@example.com"),
            headers={"If-Match": etag},
        )
        _scim_error(stale, 412)

        page = await _ok(
            await idp.get(
                "/scim/v2/Users",
                params={
                    "filter": 'userName sw "user"',
                    "startIndex": "2",
                    "count": "1",
                    "sortBy": "displayName",
                },
            )
        )
        assert page["totalResults"] == 3 and page["startIndex"] == 2
        assert [r["displayName"] for r in page["Resources"]] == ["U1"]

        only = await _ok(
            await idp.get(f"/scim/v2/Users/{ids[1]}", params={"attributes": "userName"})
        )
        assert only["userName"] == "user1@idp.example" and "emails" not in only
        without = await _ok(
            await idp.get(f"/scim/v2/Users/{ids[1]}", params={"excludedAttributes": "emails"})
        )
        assert "emails" not in without and without["displayName"] == "U1"

        searched = await _ok(
            await idp.post(
                "/scim/v2/Users/.search",
                json={
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                    "filter": 'userName sw "user" and not (displayName eq "Zed")',
                },
            )
        )
        assert searched["totalResults"] == 2


async def test_scim_refusals_use_the_scim_error_schema(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    key = await new_key(admin, "scim")
    async with with_key(app, key["secret"]) as idp:
        _scim_error(
            await idp.get("/scim/v2/Users", params={"filter": "userName eq"}), 400, "invalidFilter"
        )
        body = _user("carol@idp.example", "carol@example.com")
        await _ok(await idp.post("/scim/v2/Users", json=body), 201)
        _scim_error(await idp.post("/scim/v2/Users", json=body), 409, "uniqueness")
        unknown_manager = _user(
            "dan@idp.example", "dan@example.com", **{ENTERPRISE: {"manager": {"value": "nope"}}}
        )
        _scim_error(await idp.post("/scim/v2/Users", json=unknown_manager), 400, "invalidValue")
        _scim_error(await idp.get("/scim/v2/Users/no-such-id"), 404)
        _scim_error(await idp.get("/scim/v2/NoSuchEndpoint"), 404)
        _scim_error(await idp.post("/scim/v2/Schemas", json={}), 405)

        # A SCIM credential never grants the admin role: roles are not an attribute here.
        erin = _user("erin@idp.example", "erin@example.com", roles=[{"value": "admin"}])
        created = await idp.post("/scim/v2/Users", json=erin)
        if created.status_code == 201:
            person = (await admin.client.get(f"/v1/people/{created.json()['id']}")).json()
            assert person["role"] == "member"
        else:
            _scim_error(created, 400)
        # ...nor takes it away: deactivating an admin needs an admin.
        _scim_error(
            await idp.patch(
                f"/scim/v2/Users/{admin.id}",
                json=_patch({"op": "replace", "path": "active", "value": False}),
            ),
            403,
        )
        assert (await admin.client.get(f"/v1/people/{admin.id}")).json()["active"] is True

    reader = await new_key(admin, "okrs:read")
    async with with_key(app, reader["secret"]) as client:
        _scim_error(await client.get("/scim/v2/Users"), 403)
    member = await make_actor()
    _scim_error(await member.client.get("/scim/v2/Users"), 403)
    async with with_key(app, "okr_key_nothing_" + "x" * 40) as nobody:
        _scim_error(await nobody.get("/scim/v2/Users"), 401)
