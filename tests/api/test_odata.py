"""``/odata/v4``: the feed's documents, query options in SQL, paging, errors and credentials.

The world is the exports' (``tests.api.test_exports``): an owner's agreed and draft objectives,
a unit's objective, another cycle, check-ins and a review. The visibility of every set and key
is also in the read-visibility matrix; here are the query options and the protocol.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from fastapi import FastAPI
from lxml import etree

from api.services import odata
from tests.api import test_exports
from tests.api.test_exports import Data
from tests.conftest import Actor
from tests.support.keys import new_key

data = test_exports.data
"""The exports' world (the fixture of ``tests.api.test_exports``)."""

SCHEMAS = Path(__file__).resolve().parents[1] / "csdl" / "node_modules" / "odata-csdl" / "schemas"
"""The OASIS OData CSDL schemas, from the npm package ``odata-csdl`` (``make test`` installs it)."""


FIRST_CHAR = r"(_|\\p{L}|\\p{Nl})"
NEXT_CHAR = r"(_|\\p{L}|\\p{Nl}|\\p{Nd}|\\p{Mn}|\\p{Mc}|\\p{Pc}|\\p{Cf})"


def csdl_json_schema() -> dict[str, Any]:
    """The OASIS CSDL JSON schema, its identifier patterns readable by Python's ``re``.

    The schema spells an identifier's characters with Unicode property escapes (``\\p{L}``),
    which neither Python's ``re`` nor an ECMA-262 regex without the ``u`` flag reads; they are
    replaced by their nearest classes in ``re``'s Unicode terms (``[^\\W\\d]`` for a first
    character, ``\\w`` for the next ones). Nothing else of the schema is changed.
    """
    text = (SCHEMAS / "csdl.schema.json").read_text(encoding="utf-8")
    text = text.replace(NEXT_CHAR, r"\\w").replace(FIRST_CHAR, r"[^\\W\\d]")
    assert r"\\p{" not in text
    schema: dict[str, Any] = json.loads(text)
    return schema


async def _get(client: httpx.AsyncClient, path: str, **params: str) -> dict[str, Any]:
    response = await client.get(f"/odata/v4/{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["odata-version"] == "4.0"
    body: dict[str, Any] = response.json()
    return body


async def _error(
    client: httpx.AsyncClient, path: str, status: int, code: str, **params: str
) -> dict[str, Any]:
    response = await client.get(f"/odata/v4/{path}", params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


def _titles(body: dict[str, Any]) -> list[str]:
    return sorted(str(e["title"]) for e in body["value"])


class TestMetadata:
    async def test_the_xml_csdl_is_valid_against_the_oasis_schemas(self, admin: Actor) -> None:
        response = await admin.client.get("/odata/v4/$metadata")

        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/xml")
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "edmx.xsd")))
        document = etree.fromstring(response.content)
        assert schema.validate(document), schema.error_log
        ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
        sets = document.xpath("//edm:EntityContainer/edm:EntitySet/@Name", namespaces=ns)
        assert sets == [
            "Objectives",
            "KeyResults",
            "CheckIns",
            "People",
            "OrgUnits",
            "Cycles",
            "Reviews",
        ]
        navigations = document.xpath(
            "//edm:EntityType[@Name='Objective']/edm:NavigationProperty/@Name", namespaces=ns
        )
        assert {"KeyResults", "Cycle", "OwnerPerson", "OwnerUnit"} <= set(navigations)
        score = document.xpath(
            "//edm:EntityType[@Name='KeyResult']/edm:Property[@Name='target_value']",
            namespaces=ns,
        )[0]
        assert (score.get("Type"), score.get("Precision"), score.get("Scale")) == (
            "Edm.Decimal",
            "21",
            "6",
        )

    async def test_the_json_csdl_is_valid_against_the_oasis_schema(self, admin: Actor) -> None:
        as_format = await _get(admin.client, "$metadata", **{"$format": "json"})
        by_accept = await admin.client.get(
            "/odata/v4/$metadata", headers={"Accept": "application/json"}
        )

        validator = jsonschema.Draft7Validator(csdl_json_schema())
        errors = [e.message for e in validator.iter_errors(as_format)]
        assert errors == []
        assert not validator.is_valid({**as_format, "$Version": 4})
        assert by_accept.json() == as_format
        assert as_format["OKR"]["KeyResult"]["CheckIns"] == {
            "$Kind": "NavigationProperty",
            "$Type": "OKR.CheckIn",
            "$Collection": True,
        }

    async def test_the_service_document_lists_every_set(self, admin: Actor) -> None:
        body = await _get(admin.client, "")

        assert body["@odata.context"] == "http://test/odata/v4/$metadata"
        assert [s["url"] for s in body["value"]] == list(odata.SETS)


class TestQueries:
    async def test_comparison_logical_and_string_functions(self, admin: Actor, data: Data) -> None:
        grow = await _get(admin.client, "Objectives", **{"$filter": "title eq 'Grow'"})
        either = await _get(
            admin.client,
            "Objectives",
            **{"$filter": "(startswith(title,'Gr') or endswith(title,'goal')) and state ne 'x'"},
        )
        negated = await _get(
            admin.client, "Objectives", **{"$filter": "not contains(title,'e') and score gt 0.1"}
        )
        lowered = await _get(
            admin.client, "Objectives", **{"$filter": "tolower(title) eq 'secret'"}
        )
        listed = await _get(
            admin.client, "Objectives", **{"$filter": "title in ('Grow','Elsewhere')"}
        )
        case_sensitive = await _get(
            admin.client, "Objectives", **{"$filter": "contains(title,'grow')"}
        )

        assert _titles(grow) == ["Grow"]
        assert _titles(either) == ["Company goal", "Grow"]
        assert _titles(negated) == ["Company goal", "Grow"]
        assert _titles(lowered) == ["Secret"]
        assert _titles(listed) == ["Elsewhere", "Grow"]
        assert _titles(case_sensitive) == []

    async def test_null_and_date_functions_in_utc(self, admin: Actor, data: Data) -> None:
        on_day = await _get(
            admin.client,
            "CheckIns",
            **{"$filter": "date(observed_at) eq 2026-01-10 and hour(observed_at) eq 0"},
        )
        in_month = await _get(
            admin.client,
            "CheckIns",
            **{
                "$filter": "year(observed_at) eq 2026 and month(observed_at) eq 1 "
                "and day(observed_at) eq 10"
            },
        )
        before = await _get(
            admin.client, "CheckIns", **{"$filter": "observed_at lt 2026-01-10T00:00:00Z"}
        )
        shifted = await _get(
            admin.client, "CheckIns", **{"$filter": "observed_at eq 2026-01-10T01:00:00+01:00"}
        )
        no_unit = await _get(admin.client, "KeyResults", **{"$filter": "unit eq null"})
        unit_ne = await _get(admin.client, "KeyResults", **{"$filter": "unit ne 'kg'"})

        assert len(on_day["value"]) == len(in_month["value"]) == 4
        assert before["value"] == []
        assert len(shifted["value"]) == 4
        assert len(no_unit["value"]) == len(unit_ne["value"]) == 7

    async def test_a_voided_check_in_says_so(self, admin: Actor, data: Data) -> None:
        first = (await _get(admin.client, "CheckIns", **{"$orderby": "id"}))["value"][0]
        voided = await admin.client.post(
            f"/v1/check-ins/{first['id']}/void", json={"reason": "typed into the wrong KR"}
        )
        assert voided.status_code == 200, voided.text

        counting = await _get(admin.client, "CheckIns", **{"$filter": "voided_at eq null"})
        gone = await _get(
            admin.client,
            "CheckIns",
            **{"$filter": "voided_at ne null", "$select": "id,void_reason,voided_by_id"},
        )

        assert first["id"] not in {c["id"] for c in counting["value"]}
        assert len(counting["value"]) == 3
        assert gone["value"] == [
            {"id": first["id"], "void_reason": "typed into the wrong KR", "voided_by_id": admin.id}
        ]

    async def test_select_orderby_top_skip_count(self, admin: Actor, data: Data) -> None:
        body = await _get(
            admin.client,
            "Objectives",
            **{
                "$select": "title,score",
                "$orderby": "score desc,title",
                "$top": "2",
                "$skip": "1",
                "$count": "true",
            },
        )
        counted = await admin.client.get(
            "/odata/v4/Objectives/$count", params={"$filter": "state eq 'draft'"}
        )

        assert body["@odata.context"] == "http://test/odata/v4/$metadata#Objectives(title,score)"
        assert body["@odata.count"] == 4
        assert all(set(e) == {"id", "title", "score"} for e in body["value"])
        scores = [e["score"] for e in body["value"]]
        assert scores == sorted(scores, reverse=True) and len(scores) == 2
        assert "@odata.nextLink" not in body
        assert (counted.status_code, counted.text) == (200, "1")

    async def test_expand_one_level_with_options(self, admin: Actor, data: Data) -> None:
        body = await _get(
            admin.client,
            "Objectives",
            **{
                "$filter": f"id eq '{data.agreed_id}'",
                "$expand": "KeyResults($select=title;$orderby=title desc),Cycle,OwnerPerson,"
                "OwnerUnit,Review",
            },
        )
        unit = await _get(
            admin.client,
            "Objectives",
            **{"$filter": "owner_type eq 'unit'", "$expand": "OwnerUnit"},
        )

        (grow,) = body["value"]
        assert [k["title"] for k in grow["KeyResults"]] == ["KR 2", "KR 1"]
        assert set(grow["KeyResults"][0]) == {"id", "title"}
        assert grow["Cycle"]["name"] == "Q1"
        assert grow["OwnerPerson"]["id"] == data.owner.id
        assert grow["OwnerUnit"] is None
        assert grow["Review"]["flags"] == ["too_easy", "reconsider"]
        assert unit["value"][0]["OwnerUnit"]["name"] == "Company"

    async def test_keys_and_navigation_paths(self, admin: Actor, data: Data) -> None:
        one = await _get(admin.client, f"Objectives('{data.agreed_id}')")
        krs = await _get(admin.client, f"Objectives('{data.agreed_id}')/KeyResults")
        cycle = await _get(admin.client, f"Objectives('{data.agreed_id}')/Cycle")
        check_ins = await _get(
            admin.client, f"KeyResults('{krs['value'][0]['id']}')/CheckIns", **{"$count": "true"}
        )

        assert one["@odata.context"].endswith("#Objectives/$entity")
        assert one["title"] == "Grow"
        assert [k["objective_id"] for k in krs["value"]] == [data.agreed_id] * 2
        assert cycle["id"] == data.cycle_id
        assert check_ins["@odata.count"] == 1

    async def test_decimals_are_exact_numbers(self, admin: Actor, data: Data) -> None:
        response = await admin.client.get("/odata/v4/KeyResults", params={"$select": "weight"})

        assert '"value":42.500000' in (await admin.client.get("/odata/v4/CheckIns")).text
        weights = [e["weight"] for e in json.loads(response.text, parse_float=Decimal)["value"]]
        assert Decimal("60.00") in weights and all(isinstance(w, Decimal) for w in weights)

    async def test_decimals_as_strings_when_asked(self, admin: Actor, data: Data) -> None:
        response = await admin.client.get(
            "/odata/v4/CheckIns",
            headers={"Accept": "application/json;odata.metadata=minimal;IEEE754Compatible=true"},
        )

        assert {e["value"] for e in response.json()["value"]} == {"42.500000"}


class TestPaging:
    @pytest.mark.parametrize("orderby", [None, "title desc"])
    async def test_next_links_walk_every_row_once(
        self, admin: Actor, data: Data, orderby: str | None
    ) -> None:
        params = {"$orderby": orderby} if orderby else {}
        whole = await _get(admin.client, "KeyResults", **params)
        seen: list[str] = []
        url: str | None = "/odata/v4/KeyResults"
        query: dict[str, str] | None = {"$count": "true", **params}
        pages = 0
        while url is not None:
            response = await admin.client.get(
                url, params=query, headers={"Prefer": "odata.maxpagesize=2"}
            )
            assert response.headers["preference-applied"] == "odata.maxpagesize=2"
            page = response.json()
            assert page["@odata.count"] == 7
            assert len(page["value"]) <= 2
            seen += [e["id"] for e in page["value"]]
            url, query, pages = page.get("@odata.nextLink"), None, pages + 1

        assert pages == 4
        assert seen == [e["id"] for e in whole["value"]]

    async def test_top_is_kept_across_pages(self, admin: Actor, data: Data) -> None:
        first = await admin.client.get(
            "/odata/v4/KeyResults", params={"$top": "3"}, headers={"Prefer": "odata.maxpagesize=2"}
        )
        second = await admin.client.get(first.json()["@odata.nextLink"])

        assert len(first.json()["value"]) == 2
        assert len(second.json()["value"]) == 1
        assert "@odata.nextLink" not in second.json()

    async def test_the_page_size_setting(self, app: FastAPI, admin: Actor, data: Data) -> None:
        body = await _get(admin.client, "KeyResults")

        assert len(body["value"]) == 7
        assert app.state.settings.odata_page_size == 1000


class TestErrors:
    async def test_bad_queries_are_odata_errors(self, admin: Actor, data: Data) -> None:
        await _error(
            admin.client, "Objectives", 400, "odata.type_mismatch", **{"$filter": "title eq 1"}
        )
        await _error(
            admin.client, "Objectives", 400, "odata.unknown_property", **{"$filter": "nope eq 1"}
        )
        await _error(admin.client, "Objectives", 400, "query.invalid", **{"$filter": "title eq"})
        await _error(admin.client, "Objectives", 400, "query.invalid", **{"$filter": "(title"})
        await _error(admin.client, "Objectives", 400, "query.invalid", **{"$top": "-1"})
        await _error(admin.client, "Objectives", 400, "query.invalid", **{"$skiptoken": "x"})
        await _error(admin.client, "Objectives", 400, "odata.unknown_option", **{"$bogus": "1"})
        await _error(
            admin.client, "Objectives", 400, "odata.unknown_navigation", **{"$expand": "Nope"}
        )
        await _error(
            admin.client,
            "Objectives",
            400,
            "query.invalid",
            **{"$filter": "observed_at lt 2026-01-10T00:00:00"},
        )
        await _error(
            admin.client, "Objectives", 501, "query.not_implemented", **{"$search": "grow"}
        )
        await _error(
            admin.client,
            "Objectives",
            501,
            "query.not_implemented",
            **{"$filter": "indexof(title,'G') eq 0"},
        )
        await _error(admin.client, "Nope", 404, "odata.unknown_entity_set")
        await _error(admin.client, "Objectives('nope')", 404, "odata.not_found")
        await _error(
            admin.client, f"Objectives('{data.agreed_id}')/Nope", 404, "odata.unknown_navigation"
        )

    async def test_custom_query_options_are_left_alone(self, admin: Actor, data: Data) -> None:
        body = await _get(admin.client, "Objectives", custom="1")

        assert len(body["value"]) == 4


class TestCredentials:
    async def test_a_key_in_the_header_or_as_a_bearer_token(
        self, app: FastAPI, admin: Actor, data: Data
    ) -> None:
        key = await new_key(admin, "okrs:read")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            by_header = await client.get(
                "/odata/v4/Objectives", headers={"X-API-Key": key["secret"]}
            )
            by_bearer = await client.get(
                "/odata/v4/Objectives", headers={"Authorization": f"Bearer {key['secret']}"}
            )
            nothing = await client.get("/odata/v4/Objectives")
            wrong = await client.get("/odata/v4/Objectives", headers={"X-API-Key": "okr_key_x_y"})
            in_url = await client.get("/odata/v4/Objectives", params={"api_key": key["secret"]})

        assert by_header.status_code == by_bearer.status_code == 200
        assert "Secret" not in by_header.text  # a key sees what a member sees
        assert len(by_header.json()["value"]) == 3
        for refused in (nothing, wrong, in_url):
            assert refused.status_code == 401
            assert refused.json()["error"]["code"] == "auth.unauthenticated"
            assert refused.headers["www-authenticate"].startswith("Bearer")
        assert key["secret"] not in in_url.text

    async def test_a_key_without_okrs_read_is_403(self, app: FastAPI, admin: Actor) -> None:
        key = await new_key(admin, "metrics:write")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            refused = await client.get("/odata/v4/People", headers={"X-API-Key": key["secret"]})

        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "permission.scope_required"

    async def test_the_feed_is_not_in_openapi(self, app: FastAPI) -> None:
        assert not [p for p in app.openapi()["paths"] if p.startswith("/odata")]
