"""OpenAPI links (3.1 §4.8.20) from the operations that create a resource to those that use it.

A client, a documentation page or a fuzzer exploring the API statefully follows them: the
``201`` answer of ``POST /v1/objectives`` links to every operation under
``/v1/objectives/{objective_id}``, with ``objective_id`` taken from the answer's ``id``. The
rule is generic, so a new resource gets its links without a line here:

- a ``201`` of ``POST <P>`` whose last literal segment is ``<seg>`` links to every operation at
  ``<P>/{x}...`` and at ``/v1/<seg>/{x}...``, ``x`` from ``$response.body#/id`` (``POST
  /v1/objectives/{objective_id}/key-results`` to ``/v1/key-results/{key_result_id}...``);
- a ``200`` or ``201`` of ``PUT <P>`` (a resource created or replaced at its own path, such as a
  review) links to the operations under ``<P>/...``;

and the other path parameters of a target that the source's path names too are passed on from
``$request.path``; a target with a path parameter the source cannot fill gets no link.
"""

from __future__ import annotations

import re
from typing import Any

_PARAM = re.compile(r"^\{(\w+)\}$")
_METHODS = ("get", "put", "post", "patch", "delete")


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _params(path: str) -> list[str]:
    return [m.group(1) for s in _segments(path) if (m := _PARAM.match(s))]


def _targets(spec: dict[str, Any], prefix: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Operations whose path is ``prefix`` followed by one parameter, and what lies under it."""
    found = []
    for path, item in spec.get("paths", {}).items():
        segments = _segments(path)
        if len(segments) <= len(prefix) or segments[: len(prefix)] != prefix:
            continue
        if not _PARAM.match(segments[len(prefix)]):
            continue
        for method in _METHODS:
            if method in item:
                found.append((path, method, item[method]))
    return found


def _link(
    target: dict[str, Any], target_path: str, source_path: str, id_param: str | None
) -> dict[str, Any] | None:
    """The link to ``target``; None when the source cannot fill every path parameter of it."""
    parameters: dict[str, str] = {}
    known = set(_params(source_path))
    for name in _params(target_path):
        if name == id_param:
            parameters[f"path.{name}"] = "$response.body#/id"
        elif name in known:
            parameters[f"path.{name}"] = f"$request.path.{name}"
        else:
            return None
    return {"operationId": target["operationId"], "parameters": parameters}


def add_links(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with the links of the module docstring added to its answers (in place)."""
    paths = spec.get("paths", {})
    for source_path, item in paths.items():
        segments = _segments(source_path)
        literal = [s for s in segments if not _PARAM.match(s)]
        for method, status in (("post", "201"), ("put", "200"), ("put", "201")):
            operation = item.get(method)
            if operation is None or status not in operation.get("responses", {}):
                continue
            links: dict[str, Any] = {}
            if method == "post":
                prefixes = [segments, ["v1", literal[-1]]] if literal else [segments]
                for prefix in prefixes:
                    for target_path, _m, target in _targets(spec, prefix):
                        id_param = _PARAM.match(_segments(target_path)[len(prefix)])
                        assert id_param is not None
                        links[target["operationId"]] = _link(
                            target, target_path, source_path, id_param.group(1)
                        )

            else:
                for target_path, target_item in paths.items():
                    if target_path == source_path or not target_path.startswith(source_path + "/"):
                        continue
                    for target_method in _METHODS:
                        if target_method in target_item:
                            target = target_item[target_method]
                            links[target["operationId"]] = _link(
                                target, target_path, source_path, None
                            )
                for target_method in _METHODS:  # the resource itself (GET, DELETE...)
                    if target_method in item and target_method != "put":
                        target = item[target_method]
                        links[target["operationId"]] = _link(target, source_path, source_path, None)
            links = {name: link for name, link in links.items() if link is not None}
            if links:
                operation["responses"][status]["links"] = dict(sorted(links.items()))
    return spec
