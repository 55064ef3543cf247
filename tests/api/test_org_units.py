"""``/v1/org-units``: one root, no loops, no deleting units in use, filters and pages."""

from __future__ import annotations

import httpx

from tests.support.problems import assert_problem


async def unit(client: httpx.AsyncClient, name: str, parent_id: str | None = None) -> str:
    response = await client.post("/v1/org-units", json={"name": name, "parent_id": parent_id})
    assert response.status_code == 201, response.text
    unit_id: str = response.json()["id"]
    return unit_id


class TestOrgUnits:
    async def test_create_read_update_delete(self, client: httpx.AsyncClient) -> None:
        root = await unit(client, "Company")
        sales = await unit(client, "Sales", root)

        patched = await client.patch(
            f"/v1/org-units/{sales}", json={"name": "Sales EMEA", "external_id": "hr-42"}
        )
        got = await client.get(f"/v1/org-units/{sales}")
        deleted = await client.delete(f"/v1/org-units/{sales}")
        gone = await client.get(f"/v1/org-units/{sales}")

        assert patched.status_code == 200
        assert got.json()["name"] == "Sales EMEA"
        assert got.json()["parent_id"] == root
        assert got.json()["external_id"] == "hr-42"
        assert deleted.status_code == 204
        assert_problem(gone, 404, "org_unit.not_found")

    async def test_there_is_one_root(self, client: httpx.AsyncClient) -> None:
        await unit(client, "Company")

        response = await client.post("/v1/org-units", json={"name": "Another company"})

        assert_problem(response, 409, "org_unit.root_exists")

    async def test_moving_a_unit_below_its_descendant_is_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        root = await unit(client, "Company")
        dept = await unit(client, "Dept", root)
        team = await unit(client, "Team", dept)

        response = await client.patch(f"/v1/org-units/{dept}", json={"parent_id": team})

        assert_problem(response, 409, "org_unit.cycle")
        assert (await client.get(f"/v1/org-units/{dept}")).json()["parent_id"] == root

    async def test_unknown_parent_and_head_are_404(self, client: httpx.AsyncClient) -> None:
        root = await unit(client, "Company")

        parent = await client.post("/v1/org-units", json={"name": "X", "parent_id": "missing"})
        head = await client.patch(f"/v1/org-units/{root}", json={"head_id": "missing"})

        assert_problem(parent, 404, "org_unit.not_found")
        assert_problem(head, 404, "person.not_found")

    async def test_deleting_a_unit_in_use_lists_every_reason(
        self, client: httpx.AsyncClient
    ) -> None:
        root = await unit(client, "Company")
        dept = await unit(client, "Dept", root)
        await unit(client, "Team", dept)
        await client.post(
            "/v1/people", json={"name": "Ann", "email": "ann@example.com", "unit_id": dept}
        )

        response = await client.delete(f"/v1/org-units/{dept}")

        body = assert_problem(response, 409, "org_unit.in_use")
        codes = {e["code"] for e in body["errors"]}  # type: ignore[attr-defined]
        assert codes == {"org_unit.has_children", "org_unit.has_members"}

    async def test_pages_cover_every_unit_once_and_filters_apply(
        self, client: httpx.AsyncClient
    ) -> None:
        root = await unit(client, "Company")
        created = {root} | {await unit(client, f"Dept {i}", root) for i in range(6)}

        seen: list[str] = []
        cursor: str | None = None
        pages = 0
        while True:
            params: dict[str, str | int] = {"limit": 3}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get("/v1/org-units", params=params)).json()
            seen += [item["id"] for item in page["items"]]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        children = (await client.get("/v1/org-units", params={"parent_id": root})).json()

        assert pages == 3
        assert sorted(seen) == sorted(created)
        assert len(children["items"]) == 6

    async def test_bad_cursor_and_limit_are_422(self, client: httpx.AsyncClient) -> None:
        cursor = await client.get("/v1/org-units", params={"cursor": "not-a-cursor"})
        limit = await client.get("/v1/org-units", params={"limit": 501})

        assert_problem(cursor, 422, "request.invalid_cursor")
        assert_problem(limit, 422, "request.invalid")
