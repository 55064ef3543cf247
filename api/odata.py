"""``/odata/v4``: the read-only OData v4 feed for Excel, Power BI and any OData client.

Routes (outside ``/v1``; not in ``openapi.json``: an OData service describes itself in its own
``$metadata``, and its URL grammar, keys in parentheses and ``$``-options, is not an OpenAPI
path template; the generated client has no use for them)::

    GET /odata/v4                        the service document
    GET /odata/v4/$metadata              CSDL XML (JSON with ?$format=json or Accept: json)
    GET /odata/v4/{Set}                  a page of an entity set, with the query options
    GET /odata/v4/{Set}('{id}')          one entity
    GET /odata/v4/{Set}('{id}')/{Nav}    what a navigation property leads to
    GET /odata/v4/{Set}/$count           how many entities pass $filter (text/plain)

Authentication as Microsoft's OData feed connector sends it: ``Authorization: Bearer <token>``
(a personal access token, a service key or an OpenID Connect token), or a service key in the
``X-API-Key`` header (Power Query's ``OData.Feed(url, null, [Headers=[#"X-API-Key"=...]])``).
A key is never read from the URL, where it would end up in logs. A service key needs
``okrs:read``, as every read of ``/v1``. Refusals are OData error documents
(``{"error": {"code", "message", "target", "details"}}``) with the status the API gives them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from api.access import gate
from api.auth import Principal
from api.auth_limits import authenticate_request
from api.deps import SessionDep
from api.errors import ApiError, headers_of, status_of
from api.services import odata
from domain.errors import DomainError, NotFound
from persistence.audit import Actor, set_actor

PREFIX = "/odata/v4"
API_KEY_HEADER = "X-API-Key"
JSON_MEDIA_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true"
_SEGMENT = re.compile(r"(?P<set>[A-Za-z]+)(?:\((?:id=)?'(?P<key>(?:[^']|'')*)'\))?")
_MAX_PAGE = re.compile(r"odata\.maxpagesize\s*=\s*(\d+)")


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    target: str | None = None,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """An OData JSON error document."""
    error: dict[str, Any] = {"code": code, "message": message}
    if target is not None:
        error["target"] = target
    if details:
        error["details"] = details
    return JSONResponse(
        {"error": error},
        status_code=status,
        headers={"OData-Version": odata.ODATA_VERSION, **(headers or {})},
    )


class ODataRoute(APIRoute):
    """A route whose refusals are OData error documents instead of problem+json."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as exc:
                details = [
                    {"code": v.code, "message": v.message, "target": v.field}
                    for v in exc.violations
                    if len(exc.violations) > 1
                ]
                return error_response(
                    status_of(exc),
                    exc.code,
                    exc.message,
                    target=exc.field,
                    details=details,
                    headers=headers_of(exc),
                )
            except ApiError as exc:
                return error_response(
                    exc.status, exc.code, exc.detail, target=exc.field, headers=exc.headers
                )
            except RequestValidationError as exc:
                return error_response(400, "request.invalid", str(exc.errors()[:1]))

        return route_handler


async def get_odata_principal(request: Request, session: SessionDep) -> Principal:
    """The caller, by a bearer credential or an ``X-API-Key`` header (401 otherwise); a service
    key must hold ``okrs:read`` (403)."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credential = authorization.partition(" ")
    token: str | None = credential.strip() if scheme.lower() == "bearer" else None
    if not token:
        token = request.headers.get(API_KEY_HEADER) or None
    principal = await authenticate_request(request, session, token)
    set_actor(
        session,
        Actor(
            principal_id=principal.id,
            kind=principal.kind,
            request_id=getattr(request.state, "request_id", None),
        ),
    )
    await gate(request, principal)
    return principal


ODataPrincipal = Annotated[Principal, Depends(get_odata_principal)]

router = APIRouter(prefix=PREFIX, tags=["odata"], route_class=ODataRoute, include_in_schema=False)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + PREFIX + "/"


def _json(document: dict[str, Any], *, applied: str | None = None) -> Response:
    headers = {"OData-Version": odata.ODATA_VERSION}
    if applied is not None:
        headers["Preference-Applied"] = applied
    return Response(odata.render_json(document), headers=headers, media_type=JSON_MEDIA_TYPE)


def _params(request: Request) -> dict[str, str]:
    return dict(request.query_params)


def _next_url(request: Request) -> str:
    kept = [
        (k, v)
        for k, v in request.query_params.multi_items()
        if k not in ("$top", "$skip", "$skiptoken")
    ]
    url = str(request.url.replace(query=""))
    return url + ("?" + urlencode(kept, safe="$(),'=;:/") if kept else "")


def _size(request: Request) -> tuple[int, str | None]:
    prefer = request.headers.get("prefer", "")
    match = _MAX_PAGE.search(prefer)
    preference = int(match.group(1)) if match else None
    size = odata.page_size(preference, request.app.state.settings.odata_page_size)
    return size, (f"odata.maxpagesize={size}" if match else None)


def _segment(text: str) -> tuple[odata.EntitySet, str | None]:
    match = _SEGMENT.fullmatch(text)
    if match is None:
        raise NotFound(f"no resource {text!r}", code="odata.not_found", field="path")
    key = match.group("key")
    return odata.entity_set(match.group("set")), key.replace("''", "'") if key else key


@router.get("", name="odata_service_document")
@router.get("/", name="odata_service_document_slash")
async def service_document(request: Request, _principal: ODataPrincipal) -> Response:
    """The service document: the entity sets."""
    return _json(odata.service_document(_base(request)))


@router.get("/$metadata", name="odata_metadata")
async def metadata(request: Request, _principal: ODataPrincipal) -> Response:
    """The CSDL of the feed: XML, or JSON when asked for with ``$format`` or ``Accept``."""
    fmt = request.query_params.get("$format", "")
    accept = request.headers.get("accept", "")
    wants_json = fmt.startswith(("json", "application/json")) or (
        "application/json" in accept and "xml" not in accept
    )
    if wants_json:
        return _json(odata.metadata_json())
    return Response(
        odata.metadata_xml(),
        media_type="application/xml",
        headers={"OData-Version": odata.ODATA_VERSION},
    )


@router.get("/{segment}", name="odata_resource")
async def resource(
    segment: str, request: Request, session: SessionDep, principal: ODataPrincipal
) -> Response:
    """A page of an entity set, or one entity by key."""
    entity, key = _segment(segment)
    options = odata.read_options(entity, _params(request), accept=request.headers.get("accept"))
    base = _base(request)
    if key is not None:
        return _json(
            await odata.read_entity(session, entity, key, principal.viewer, options, base=base)
        )
    size, applied = _size(request)
    document = await odata.read_collection(
        session,
        entity,
        principal.viewer,
        options,
        base=base,
        next_url=_next_url(request),
        size=size,
    )
    return _json(document, applied=applied)


@router.get("/{segment}/{navigation}", name="odata_navigation")
async def navigation(
    segment: str,
    navigation: str,
    request: Request,
    session: SessionDep,
    principal: ODataPrincipal,
) -> Response:
    """What a navigation property of one entity leads to, or ``{Set}/$count``."""
    entity, key = _segment(segment)
    if key is None:
        if navigation != "$count":
            raise NotFound(f"no resource {segment}/{navigation}", code="odata.not_found")
        total = await odata.count(session, entity, principal.viewer, _params(request))
        return Response(
            str(total), media_type="text/plain", headers={"OData-Version": odata.ODATA_VERSION}
        )
    size, applied = _size(request)
    document = await odata.read_navigation(
        session,
        entity,
        key,
        navigation,
        principal.viewer,
        _params(request),
        accept=request.headers.get("accept"),
        base=_base(request),
        next_url=_next_url(request),
        size=size,
    )
    return _json(document, applied=applied)
