"""The read-only OData v4 feed: service document, ``$metadata`` (CSDL XML or JSON) and queries.

The entity sets and their SQL are ``persistence.odata``; this module reads the query options,
pages the answers and writes them in OData's JSON format (``odata.metadata=minimal``)::

    $filter $select $orderby $top $skip $count $expand (one level) $skiptoken $format

Server-driven paging: a page holds at most the page size (``OKR_ODATA_PAGE_SIZE``, or less with
``Prefer: odata.maxpagesize=N``) and links the next one with ``@odata.nextLink``, whose
``$skiptoken`` says where it starts: after the last key in the default (creation) order, which
an index covers, so a walk of a whole set is one pass; at an offset under an ``$orderby``.

Decimals are exact JSON numbers (the stored digits, ``render_json``), or strings when the client
asks for ``IEEE754Compatible=true``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import quoteattr

from sqlalchemy.ext.asyncio import AsyncSession

from domain import odata_query as q
from domain.access import Viewer
from domain.errors import BadQuery, NotFound, UnsupportedQuery
from persistence import odata as store
from persistence.odata import SETS, EntitySet, Navigation, Page, entity_set
from persistence.types import ColumnKind

NAMESPACE = "OKR"
CONTAINER = "Container"
ODATA_VERSION = "4.0"
MAX_PAGE_SIZE = 5000
"""The most rows a page may hold, whatever a client prefers."""

SUPPORTED_OPTIONS = frozenset(
    {"$filter", "$select", "$orderby", "$top", "$skip", "$count", "$expand", "$skiptoken"}
)
UNSUPPORTED_OPTIONS = frozenset({"$search", "$apply", "$compute", "$levels", "$index"})


# -- $metadata --------------------------------------------------------------------------------


def edm_type(kind: ColumnKind) -> str:
    """The EDM type of a column kind."""
    return {
        "string": "Edm.String",
        "integer": "Edm.Int32",
        "boolean": "Edm.Boolean",
        "date": "Edm.Date",
        "timestamp": "Edm.DateTimeOffset",
        "decimal": "Edm.Decimal",
        "strings": "Collection(Edm.String)",
    }[kind.kind]


def _nav_nullable(entity: EntitySet, nav: Navigation) -> bool:
    if nav.only_when is not None or nav.remote != "id":
        return True
    return entity.nullable(nav.local)


def metadata_xml() -> str:
    """The CSDL XML document of the feed."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
        "<edmx:DataServices>",
        f'<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="{NAMESPACE}">',
    ]
    for entity in SETS.values():
        lines.append(f'<EntityType Name="{entity.type_name}">')
        lines.append('<Key><PropertyRef Name="id"/></Key>')
        for name in entity.properties:
            kind = entity.kind(name)
            attributes = [f'Name="{name}"', f'Type="{edm_type(kind)}"']
            if not entity.nullable(name):
                attributes.append('Nullable="false"')
            if kind.kind == "string" and kind.max_length:
                attributes.append(f'MaxLength="{kind.max_length}"')
            if kind.kind == "decimal":
                attributes.append(f'Precision="{kind.precision}" Scale="{kind.scale}"')
            if kind.kind == "timestamp":
                attributes.append('Precision="6"')
            lines.append(f"<Property {' '.join(attributes)}/>")
        for nav in entity.navigations:
            target = SETS[nav.target].type_name
            type_ = f"Collection({NAMESPACE}.{target})" if nav.many else f"{NAMESPACE}.{target}"
            attributes = [f'Name="{nav.name}"', f'Type="{type_}"']
            if not nav.many and not _nav_nullable(entity, nav):
                attributes.append('Nullable="false"')
            if not nav.many and nav.remote == "id" and nav.only_when is None:
                lines.append(f"<NavigationProperty {' '.join(attributes)}>")
                lines.append(
                    f'<ReferentialConstraint Property="{nav.local}" ReferencedProperty="id"/>'
                )
                lines.append("</NavigationProperty>")
            else:
                lines.append(f"<NavigationProperty {' '.join(attributes)}/>")
        lines.append("</EntityType>")
    lines.append(f'<EntityContainer Name="{CONTAINER}">')
    for entity in SETS.values():
        lines.append(
            f'<EntitySet Name="{entity.name}" EntityType="{NAMESPACE}.{entity.type_name}">'
        )
        for nav in entity.navigations:
            lines.append(
                f"<NavigationPropertyBinding Path={quoteattr(nav.name)} "
                f"Target={quoteattr(nav.target)}/>"
            )
        lines.append("</EntitySet>")
    lines += ["</EntityContainer>", "</Schema>", "</edmx:DataServices>", "</edmx:Edmx>"]
    return "\n".join(lines) + "\n"


def metadata_json() -> dict[str, Any]:
    """The CSDL JSON document of the feed (OData CSDL JSON 4.01)."""
    schema: dict[str, Any] = {}
    for entity in SETS.values():
        members: dict[str, Any] = {"$Kind": "EntityType", "$Key": ["id"]}
        for name in entity.properties:
            kind = entity.kind(name)
            member: dict[str, Any] = {}
            if kind.kind == "strings":
                member["$Collection"] = True
            elif kind.kind != "string":
                member["$Type"] = edm_type(kind)
            if kind.kind == "strings" or entity.nullable(name):
                member["$Nullable"] = True
            if kind.kind == "string" and kind.max_length:
                member["$MaxLength"] = kind.max_length
            if kind.kind == "decimal":
                member["$Precision"], member["$Scale"] = kind.precision, kind.scale
            if kind.kind == "timestamp":
                member["$Precision"] = 6
            members[name] = member
        for nav in entity.navigations:
            target = f"{NAMESPACE}.{SETS[nav.target].type_name}"
            navigation: dict[str, Any] = {"$Kind": "NavigationProperty", "$Type": target}
            if nav.many:
                navigation["$Collection"] = True
            elif _nav_nullable(entity, nav):
                navigation["$Nullable"] = True
            if not nav.many and nav.remote == "id" and nav.only_when is None:
                navigation["$ReferentialConstraint"] = {nav.local: "id"}
            members[nav.name] = navigation
        schema[entity.type_name] = members
    container: dict[str, Any] = {"$Kind": "EntityContainer"}
    for entity in SETS.values():
        container[entity.name] = {
            "$Collection": True,
            "$Type": f"{NAMESPACE}.{entity.type_name}",
            "$NavigationPropertyBinding": {n.name: n.target for n in entity.navigations},
        }
    schema[CONTAINER] = container
    return {
        "$Version": ODATA_VERSION,
        "$EntityContainer": f"{NAMESPACE}.{CONTAINER}",
        NAMESPACE: schema,
    }


def service_document(base: str) -> dict[str, Any]:
    """The service document: every entity set with its relative URL."""
    return {
        "@odata.context": f"{base}$metadata",
        "value": [{"name": s.name, "kind": "EntitySet", "url": s.name} for s in SETS.values()],
    }


# -- query options ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    """The query options of one request, read and checked."""

    filter: q.Expr | None
    select: list[str] | None
    orderby: list[q.OrderItem]
    expand: list[q.Expansion]
    top: int | None
    skip: int
    count: bool
    token: dict[str, Any] | None
    ieee754: bool


def _non_negative(name: str, text: str) -> int:
    if not text.isdigit():
        raise BadQuery(f"{name}: expected a non-negative integer, not {text!r}", field=name)
    return int(text)


def _check_select(entity: EntitySet, names: list[str] | None, option: str) -> list[str] | None:
    if names is None or "*" in names:
        return None
    for name in names:
        if name not in entity.properties and entity.navigation(name) is None:
            raise BadQuery(
                f"{option}: {entity.type_name} has no property {name!r}",
                code="odata.unknown_property",
                field=option,
            )
    return names


def read_options(entity: EntitySet, params: Mapping[str, str], *, accept: str | None) -> Options:
    """The query options of a request about ``entity`` (``BadQuery`` for one it cannot read,
    ``UnsupportedQuery`` for one it does not implement; options without ``$`` are custom
    options and left alone, as OData says)."""
    for name in params:
        if not name.startswith("$"):
            continue
        if name in UNSUPPORTED_OPTIONS:
            raise UnsupportedQuery(f"{name} is not supported", field=name)
        if name not in SUPPORTED_OPTIONS and name != "$format":
            raise BadQuery(f"unknown query option {name}", code="odata.unknown_option", field=name)
    fmt = params.get("$format")
    if fmt is not None and fmt.split(";")[0].strip() not in ("json", "application/json"):
        raise BadQuery(f"$format: only json is served, not {fmt!r}", field="$format")
    count_text = params.get("$count", "false")
    if count_text not in ("true", "false"):
        raise BadQuery("$count: expected true or false", field="$count")
    expand = q.parse_expand(params["$expand"]) if params.get("$expand") else []
    for expansion in expand:
        nav = entity.navigation(expansion.name)
        if nav is None:
            raise BadQuery(
                f"$expand: {entity.type_name} has no navigation property {expansion.name!r}",
                code="odata.unknown_navigation",
                field="$expand",
            )
        _check_select(SETS[nav.target], expansion.select, "$expand")
    token_text = params.get("$skiptoken")
    preferences = ";".join(filter(None, (accept, fmt)))
    return Options(
        filter=q.parse_filter(params["$filter"]) if "$filter" in params else None,
        select=_check_select(
            entity, q.parse_select(params["$select"]) if "$select" in params else None, "$select"
        ),
        orderby=q.parse_orderby(params["$orderby"]) if params.get("$orderby") else [],
        expand=expand,
        top=_non_negative("$top", params["$top"]) if "$top" in params else None,
        skip=_non_negative("$skip", params["$skip"]) if "$skip" in params else 0,
        count=count_text == "true",
        token=decode_token(token_text) if token_text is not None else None,
        ieee754="ieee754compatible=true" in preferences.replace(" ", "").lower(),
    )


def encode_token(data: dict[str, Any]) -> str:
    """An opaque, URL-safe ``$skiptoken``."""
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> dict[str, Any]:
    """The contents of a ``$skiptoken`` (``BadQuery`` when it is not one of ours)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError(token)
        if "a" in data:
            stamp, key = data["a"]
            data["a"] = (datetime.fromisoformat(stamp), str(key))
        if not isinstance(data.get("o", 0), int) or data.get("o", 0) < 0:
            raise ValueError(token)
        remaining = data.get("r")
        if remaining is not None and (not isinstance(remaining, int) or remaining < 1):
            raise ValueError(token)
        return data
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise BadQuery("$skiptoken: not a token of this feed", field="$skiptoken") from None


# -- values -----------------------------------------------------------------------------------


_DECIMAL_MARK = "\x00decimal:"
_DECIMAL = re.compile(r'"\\u0000decimal:(-?[0-9.]+(?:E[-+]?[0-9]+)?)"')


def render_json(document: dict[str, Any]) -> bytes:
    """A document as JSON, its decimals written as exact numbers (``json`` has no way to write
    a ``Decimal`` as a number: each is marked as a text that starts with NUL, which no stored
    text holds, and the mark is replaced by the digits)."""

    def mark(value: Any) -> str:
        if isinstance(value, Decimal) and value.is_finite():
            return _DECIMAL_MARK + str(value)
        raise TypeError(f"not JSON: {type(value).__name__}")

    text = json.dumps(document, default=mark, ensure_ascii=False, separators=(",", ":"))
    return _DECIMAL.sub(r"\1", text).encode()


def _json_value(value: Any, ieee754: bool) -> Any:
    if isinstance(value, Decimal):
        return str(value) if ieee754 else value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _entity_json(
    entity: EntitySet, row: dict[str, Any], select: list[str] | None, ieee754: bool
) -> dict[str, Any]:
    names = [n for n in entity.properties if select is None or n in select or n == "id"]
    return {n: _json_value(row[n], ieee754) for n in names}


def _context(base: str, entity: EntitySet, select: list[str] | None, suffix: str = "") -> str:
    shape = f"({','.join(select)})" if select else ""
    return f"{base}$metadata#{entity.name}{shape}{suffix}"


@dataclass(frozen=True, slots=True)
class Answer:
    """A JSON document of the feed, with the preference it applied (``None``: none)."""

    document: dict[str, Any]
    applied: str | None = None


async def _expand(
    session: AsyncSession,
    entity: EntitySet,
    viewer: Viewer,
    rows: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    options: Options,
) -> None:
    for expansion in options.expand:
        nav = entity.navigation(expansion.name)
        assert nav is not None
        target = SETS[nav.target]
        select = None if expansion.select is None or "*" in expansion.select else expansion.select
        found = await store.related_rows(session, entity, nav, viewer, rows, expansion)
        for row, document in zip(rows, documents, strict=True):
            applies = nav.only_when is None or row.get(nav.only_when[0]) == nav.only_when[1]
            related = found.get(row.get(nav.local), []) if applies else []
            children = [_entity_json(target, r, select, options.ieee754) for r in related]
            document[nav.name] = children if nav.many else (children[0] if children else None)


def page_size(preference: int | None, default: int) -> int:
    """The rows of a page: the client's preference when smaller than the limit."""
    if preference is not None and preference > 0:
        return min(preference, MAX_PAGE_SIZE)
    return min(default, MAX_PAGE_SIZE)


async def read_collection(
    session: AsyncSession,
    entity: EntitySet,
    viewer: Viewer,
    options: Options,
    *,
    base: str,
    next_url: str,
    size: int,
    within: tuple[EntitySet, Navigation, Any] | None = None,
) -> dict[str, Any]:
    """One page of a set (or of a navigation from one entity: ``within``), with
    ``@odata.count`` when asked and ``@odata.nextLink`` when more rows follow.

    ``next_url`` is the request's URL without ``$top``, ``$skip`` and ``$skiptoken``; the next
    link adds its own ``$skiptoken`` to it."""
    token = options.token or {}
    after = token.get("a")
    offset = token.get("o", options.skip if options.token is None else 0)
    remaining: int | None = token.get("r", options.top) if options.token else options.top
    extra = None
    if within is not None:
        parent_set, nav, key = within
        extra = store.navigation_condition(parent_set, nav, [key])
    limit = size if remaining is None else min(size, remaining)
    rows = []
    if limit > 0:
        rows = await store.read_rows(
            session,
            entity,
            viewer,
            condition=options.filter,
            orderby=options.orderby,
            page=Page(after=after, offset=offset),
            limit=limit + 1,
            extra=extra,
        )
    more = len(rows) > limit
    rows = rows[:limit]
    documents = [_entity_json(entity, r, options.select, options.ieee754) for r in rows]
    await _expand(session, entity, viewer, rows, documents, options)
    answer: dict[str, Any] = {"@odata.context": _context(base, entity, options.select)}
    if options.count:
        answer["@odata.count"] = await store.count_rows(
            session, entity, viewer, condition=options.filter, extra=extra
        )
    answer["value"] = documents
    left = None if remaining is None else remaining - len(rows)
    if more and (left is None or left > 0):
        following: dict[str, Any] = {}
        if options.orderby:
            following["o"] = offset + len(rows)
        else:
            last = rows[-1]
            following["a"] = [last["created_at"].isoformat(), last["id"]]
        if left is not None:
            following["r"] = left
        separator = "&" if "?" in next_url else "?"
        answer["@odata.nextLink"] = f"{next_url}{separator}$skiptoken={encode_token(following)}"
    return answer


async def read_entity(
    session: AsyncSession,
    entity: EntitySet,
    key: str,
    viewer: Viewer,
    options: Options,
    *,
    base: str,
) -> dict[str, Any]:
    """One entity by key (404 ``odata.not_found`` when unknown or hidden, alike)."""
    row = await _visible_row(session, entity, key, viewer)
    document = _entity_json(entity, row, options.select, options.ieee754)
    await _expand(session, entity, viewer, [row], [document], options)
    return {"@odata.context": _context(base, entity, options.select, "/$entity"), **document}


async def _visible_row(
    session: AsyncSession, entity: EntitySet, key: str, viewer: Viewer
) -> dict[str, Any]:
    rows = await store.read_rows(
        session,
        entity,
        viewer,
        condition=None,
        orderby=[],
        page=Page(),
        limit=1,
        extra=store.key_condition(entity, key),
    )
    if not rows:
        raise NotFound(f"no {entity.type_name} with this key", code="odata.not_found", field="key")
    return rows[0]


async def read_navigation(
    session: AsyncSession,
    entity: EntitySet,
    key: str,
    nav_name: str,
    viewer: Viewer,
    params: Mapping[str, str],
    *,
    accept: str | None,
    base: str,
    next_url: str,
    size: int,
) -> dict[str, Any]:
    """What a navigation property of one entity leads to: a page of a collection, or one
    entity (404 when the entity is unknown or hidden, or the related one is)."""
    nav = entity.navigation(nav_name)
    if nav is None:
        raise NotFound(
            f"{entity.type_name} has no navigation property {nav_name!r}",
            code="odata.unknown_navigation",
            field="navigation",
        )
    row = await _visible_row(session, entity, key, viewer)
    target = SETS[nav.target]
    options = read_options(target, params, accept=accept)
    applies = nav.only_when is None or row.get(nav.only_when[0]) == nav.only_when[1]
    local = row.get(nav.local)
    if nav.many:
        return await read_collection(
            session,
            target,
            viewer,
            options,
            base=base,
            next_url=next_url,
            size=size,
            within=(entity, nav, local),
        )
    if not applies or local is None:
        raise NotFound(f"no {nav_name} here", code="odata.not_found", field="navigation")
    related = await store.read_rows(
        session,
        target,
        viewer,
        condition=None,
        orderby=[],
        page=Page(),
        limit=1,
        extra=store.navigation_condition(entity, nav, [local]),
    )
    if not related:
        raise NotFound(f"no {nav_name} here", code="odata.not_found", field="navigation")
    document = _entity_json(target, related[0], options.select, options.ieee754)
    await _expand(session, target, viewer, related[:1], [document], options)
    return {"@odata.context": _context(base, target, options.select, "/$entity"), **document}


async def count(
    session: AsyncSession, entity: EntitySet, viewer: Viewer, params: Mapping[str, str]
) -> int:
    """``/{set}/$count``: how many visible rows pass ``$filter``."""
    options = read_options(entity, params, accept=None)
    return await store.count_rows(session, entity, viewer, condition=options.filter)


__all__ = [
    "SETS",
    "EntitySet",
    "Answer",
    "Options",
    "count",
    "entity_set",
    "metadata_json",
    "metadata_xml",
    "page_size",
    "read_collection",
    "read_entity",
    "read_navigation",
    "read_options",
    "render_json",
    "service_document",
]
