"""The OpenAPI links from creating operations to those on what they create (api/openapi_links)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        op["operationId"]: (path, op)
        for path, item in spec["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }


def _links(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    _path, op = _operations(spec)[operation_id]
    for status in ("201", "200"):
        if "links" in op["responses"].get(status, {}):
            links: dict[str, Any] = op["responses"][status]["links"]
            return links
    return {}


def test_creating_operations_link_to_the_operations_on_what_they_create(app: FastAPI) -> None:
    spec = app.openapi()

    objective = _links(spec, "create_objective")
    key_result = _links(spec, "create_key_result")
    review = _links(spec, "put_review")

    assert {"get_objective", "create_key_result", "submit_objective", "put_review"} <= set(
        objective
    )
    assert objective["create_key_result"]["parameters"] == {
        "path.objective_id": "$response.body#/id"
    }
    assert {"get_key_result", "create_check_in", "create_initiative"} <= set(key_result)
    assert {"submit_review", "confirm_review", "return_review", "get_review"} <= set(review)
    assert review["submit_review"]["parameters"] == {
        "path.objective_id": "$request.path.objective_id"
    }
    assert {"accept_change_request", "reject_change_request"} <= set(
        _links(spec, "create_change_request")
    )
    assert {"get_dependency", "delete_dependency"} <= set(_links(spec, "create_dependency"))
    assert _links(spec, "create_person_token")["revoke_person_token"]["parameters"] == {
        "path.person_id": "$request.path.person_id",
        "path.token_id": "$response.body#/id",
    }


def test_every_link_names_an_operation_and_fills_each_of_its_path_parameters(
    app: FastAPI,
) -> None:
    spec = app.openapi()
    operations = _operations(spec)
    count = 0

    for source, (_path, op) in operations.items():
        for status, answer in op["responses"].items():
            for name, link in answer.get("links", {}).items():
                count += 1
                target_path, _target = operations[link["operationId"]]
                wanted = {f"path.{p}" for p in re.findall(r"\{(\w+)\}", target_path)}
                assert set(link["parameters"]) == wanted, (source, status, name)

    assert count >= 40
