"""``/scim/v2``: SCIM 2.0 provisioning (RFC 7644) for identity providers and HR systems.

Outside ``/v1`` and outside ``openapi.json``: SCIM describes itself (``/ServiceProviderConfig``,
``/ResourceTypes``, ``/Schemas``), speaks ``application/scim+json`` and answers errors in its own
schema (``urn:ietf:params:scim:api:messages:2.0:Error`` with ``status``, ``scimType``,
``detail``), never problem+json. Every route needs a service key with the ``scim`` or
``org:write`` scope (or an admin person's token); the resources and their rules are in
``api.services.scim``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError
from scim2_models import (
    Context,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    NotFoundException,
    PatchOp,
    ResourceType,
    Schema,
    SCIMException,
    ScimFilter,
    SearchRequest,
)
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.access import check_scope
from api.auth import Principal, require_admin
from api.deps import PrincipalDep, SessionDep
from api.errors import ApiError, status_of
from api.scim_errors import error_response, scim_response
from api.services import scim as service
from api.services.scim_resources import (
    ScimGroup,
    User,
    resource_types,
    schemas,
    service_provider_config,
)
from domain.access import required_scopes
from domain.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RuleViolation,
    Unauthenticated,
)

logger = logging.getLogger(__name__)

PREFIX = "/scim/v2"


def _domain_scim_type(exc: DomainError) -> tuple[int, str | None]:
    """The SCIM status and ``scimType`` of a domain refusal."""
    if isinstance(exc, NotFound):
        # An unknown id named in the body (a manager, a unit) is a bad value, not a 404.
        return (400, "invalidValue") if exc.field else (404, None)
    if isinstance(exc, Conflict) and exc.code.endswith("_taken"):
        return 409, "uniqueness"
    if isinstance(exc, PreconditionFailed):
        return 412, None
    if isinstance(exc, Unauthenticated | PermissionDenied):
        return status_of(exc), None
    if isinstance(exc, RuleViolation | Conflict):
        return 409, None
    return status_of(exc), None


def to_scim_error(exc: Exception) -> Response | None:
    """The SCIM answer of an exception a SCIM route raised (None: not one it answers)."""
    if isinstance(exc, SCIMException):
        return error_response(exc.status, exc.detail, exc.scim_type)
    if isinstance(exc, DomainError):
        status, scim_type = _domain_scim_type(exc)
        detail = "; ".join(
            f"{v.message} ({v.field})" if v.field else v.message for v in exc.violations
        )
        headers = {"WWW-Authenticate": 'Bearer realm="okr"'} if status == 401 else None
        return error_response(status, detail, scim_type, headers)
    if isinstance(exc, ApiError):
        return error_response(exc.status, exc.detail, None, exc.headers)
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e['msg']}" for e in errors
        )
        return error_response(400, detail or str(exc), "invalidValue")
    if isinstance(exc, RequestValidationError):
        return error_response(400, "the request does not match the SCIM protocol", "invalidSyntax")
    if isinstance(exc, StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail))
    return None


class ScimRoute(APIRoute):
    """A route whose refusals are SCIM error documents."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def scim_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:
                answer = to_scim_error(exc)
                if answer is None:
                    raise
                return answer

        return scim_handler


async def scim_caller(request: Request, principal: PrincipalDep) -> Principal:
    """The caller: a key with ``scim`` or ``org:write`` (domain.access), or an admin person."""
    rule = required_scopes(request.method, request.url.path)
    if principal.kind == "service":
        check_scope(principal, rule)
        return principal
    return require_admin(principal)


CallerDep = Annotated[Principal, Depends(scim_caller)]
IfMatch = Annotated[str | None, Header(alias="If-Match")]

router = APIRouter(prefix=PREFIX, route_class=ScimRoute, include_in_schema=False, tags=["scim"])


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + PREFIX


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        raise InvalidSyntaxException(detail="the body is not JSON") from exc
    if not isinstance(body, dict):
        raise InvalidSyntaxException(detail="the body is not a JSON object")
    return body


def _params(request: Request) -> SearchRequest[Any]:
    allowed = {"filter", "sortBy", "sortOrder", "startIndex", "count", "attributes"}
    allowed.add("excludedAttributes")
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise InvalidValueException(detail=f"unknown query parameters: {', '.join(unknown)}")
    values: dict[str, Any] = dict(request.query_params)
    if "filter" in values:
        ScimFilter(values["filter"])  # a syntax error is ``invalidFilter``
    for name in ("startIndex", "count"):
        if name in values:
            try:
                values[name] = int(values[name])
            except ValueError as exc:
                raise InvalidValueException(detail=f"{name} must be an integer") from exc
    return SearchRequest.model_validate(values)


def _query(search: SearchRequest[Any]) -> service.ListQuery:
    return service.ListQuery(
        filter=str(search.filter) if search.filter is not None else None,
        sort_by=str(search.sort_by) if search.sort_by is not None else None,
        descending=str(getattr(search.sort_order, "value", search.sort_order)) == "descending",
        start_index=search.start_index or 1,
        count=search.count,
    )


def _resource(
    resource: Any,
    *,
    status: int = 200,
    params: SearchRequest[Any] | None = None,
    context: Context = Context.RESOURCE_QUERY_RESPONSE,
) -> Response:
    body = resource.model_dump(scim_ctx=context, response_parameters=params)
    headers = {"ETag": resource.meta.version} if resource.meta and resource.meta.version else {}
    if status == 201 and resource.meta and resource.meta.location:
        headers["Location"] = str(resource.meta.location)
    return scim_response(body, status, headers)


def _list(listed: service.Listed, model: Any, params: SearchRequest[Any]) -> Response:
    answer = ListResponse[model](
        total_results=listed.total,
        start_index=listed.start_index,
        items_per_page=len(listed.resources),
        resources=listed.resources,
    )
    return scim_response(
        answer.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=params)
    )


def _search_body(body: dict[str, Any]) -> SearchRequest[Any]:
    return SearchRequest.model_validate(body, scim_ctx=Context.SEARCH_REQUEST)


# -- discovery -----------------------------------------------------------------------------------


@router.get("/ServiceProviderConfig", name="scim_service_provider_config")
async def get_service_provider_config(request: Request, _: CallerDep) -> Response:
    """What the service supports."""
    config = service_provider_config()
    return scim_response(config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))


@router.get("/ResourceTypes", name="scim_list_resource_types")
async def list_resource_types(request: Request, _: CallerDep) -> Response:
    """The resource types served."""
    types = resource_types()
    answer = ListResponse[ResourceType](
        total_results=len(types), start_index=1, items_per_page=len(types), resources=types
    )
    return scim_response(answer.model_dump(scim_ctx=Context.SEARCH_RESPONSE))


@router.get("/ResourceTypes/{type_id}", name="scim_get_resource_type")
async def get_resource_type(type_id: str, _: CallerDep) -> Response:
    """One resource type."""
    for item in resource_types():
        if item.id == type_id:
            return scim_response(item.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))
    raise NotFoundException(detail=f"ResourceType {type_id} not found")


@router.get("/Schemas", name="scim_list_schemas")
async def list_schemas(_: CallerDep) -> Response:
    """The schemas served."""
    items = schemas()
    answer = ListResponse[Schema](
        total_results=len(items), start_index=1, items_per_page=len(items), resources=items
    )
    return scim_response(answer.model_dump(scim_ctx=Context.SEARCH_RESPONSE))


@router.get("/Schemas/{schema_id}", name="scim_get_schema")
async def get_schema(schema_id: str, _: CallerDep) -> Response:
    """One schema."""
    for item in schemas():
        if item.id == schema_id:
            return scim_response(item.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))
    raise NotFoundException(detail=f"Schema {schema_id} not found")


# -- users ---------------------------------------------------------------------------------------


@router.get("/Users", name="scim_list_users")
async def list_users(request: Request, session: SessionDep, _: CallerDep) -> Response:
    """Users, filtered (``filter``), sorted (``sortBy``), paged (``startIndex``, ``count``);
    a filter that matches nobody is an empty list."""
    params = _params(request)
    listed = await service.list_users(session, _query(params), base_url=_base(request))
    return _list(listed, User, params)


@router.post("/Users/.search", name="scim_search_users")
async def search_users(request: Request, session: SessionDep, _: CallerDep) -> Response:
    """The same list, asked with a ``SearchRequest`` body."""
    params = _search_body(await _body(request))
    listed = await service.list_users(session, _query(params), base_url=_base(request))
    return _list(listed, User, params)


@router.post("/Users", name="scim_create_user")
async def create_user(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Provision a person."""
    user = User.model_validate(await _body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
    created = await service.create_user(
        session, user, by_admin=caller.is_admin, base_url=_base(request)
    )
    return _resource(created, status=201, context=Context.RESOURCE_CREATION_RESPONSE)


@router.get("/Users/{user_id}", name="scim_get_user")
async def get_user(user_id: str, request: Request, session: SessionDep, _: CallerDep) -> Response:
    """One User."""
    params = _params(request)
    return _resource(
        await service.get_user(session, user_id, base_url=_base(request)), params=params
    )


@router.put("/Users/{user_id}", name="scim_replace_user")
async def replace_user(
    user_id: str, request: Request, session: SessionDep, caller: CallerDep, if_match: IfMatch = None
) -> Response:
    """Replace a User."""
    user = User.model_validate(await _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
    replaced = await service.replace_user(
        session,
        user_id,
        user,
        by_admin=caller.is_admin,
        base_url=_base(request),
        expected_version=if_match,
    )
    return _resource(replaced, context=Context.RESOURCE_REPLACEMENT_RESPONSE)


@router.patch("/Users/{user_id}", name="scim_patch_user")
async def patch_user(
    user_id: str, request: Request, session: SessionDep, caller: CallerDep, if_match: IfMatch = None
) -> Response:
    """Change a User with a PatchOp (``active: false`` deactivates)."""
    patch = PatchOp[User].model_validate(
        await _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
    )
    patched = await service.patch_user(
        session,
        user_id,
        patch,
        by_admin=caller.is_admin,
        base_url=_base(request),
        expected_version=if_match,
    )
    return _resource(patched, context=Context.RESOURCE_PATCH_RESPONSE)


@router.delete("/Users/{user_id}", name="scim_delete_user")
async def delete_user(
    user_id: str, session: SessionDep, caller: CallerDep, if_match: IfMatch = None
) -> Response:
    """Deprovision a User: deactivated and kept, never erased."""
    await service.delete_user(session, user_id, by_admin=caller.is_admin, expected_version=if_match)
    return Response(status_code=204)


# -- groups --------------------------------------------------------------------------------------


@router.get("/Groups", name="scim_list_groups")
async def list_groups(request: Request, session: SessionDep, _: CallerDep) -> Response:
    """Groups (org units), filtered, sorted, paged."""
    params = _params(request)
    listed = await service.list_groups(session, _query(params), base_url=_base(request))
    return _list(listed, ScimGroup, params)


@router.post("/Groups/.search", name="scim_search_groups")
async def search_groups(request: Request, session: SessionDep, _: CallerDep) -> Response:
    """The same list, asked with a ``SearchRequest`` body."""
    params = _search_body(await _body(request))
    listed = await service.list_groups(session, _query(params), base_url=_base(request))
    return _list(listed, ScimGroup, params)


@router.post("/Groups", name="scim_create_group")
async def create_group(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """A new org unit under the root, with its members."""
    group = ScimGroup.model_validate(
        await _body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST
    )
    created = await service.create_group(
        session, group, by_admin=caller.is_admin, base_url=_base(request)
    )
    return _resource(created, status=201, context=Context.RESOURCE_CREATION_RESPONSE)


@router.get("/Groups/{group_id}", name="scim_get_group")
async def get_group(group_id: str, request: Request, session: SessionDep, _: CallerDep) -> Response:
    """One Group."""
    params = _params(request)
    group = await service.get_group(session, group_id, base_url=_base(request))
    return _resource(group, params=params)


@router.put("/Groups/{group_id}", name="scim_replace_group")
async def replace_group(
    group_id: str,
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    if_match: IfMatch = None,
) -> Response:
    """Replace a Group (its members become those sent)."""
    group = ScimGroup.model_validate(
        await _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
    )
    replaced = await service.replace_group(
        session,
        group_id,
        group,
        by_admin=caller.is_admin,
        base_url=_base(request),
        expected_version=if_match,
    )
    return _resource(replaced, context=Context.RESOURCE_REPLACEMENT_RESPONSE)


@router.patch("/Groups/{group_id}", name="scim_patch_group")
async def patch_group(
    group_id: str,
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    if_match: IfMatch = None,
) -> Response:
    """Change a Group with a PatchOp (members add and remove)."""
    patch = PatchOp[ScimGroup].model_validate(
        await _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
    )
    patched = await service.patch_group(
        session,
        group_id,
        patch,
        by_admin=caller.is_admin,
        base_url=_base(request),
        expected_version=if_match,
    )
    return _resource(patched, context=Context.RESOURCE_PATCH_RESPONSE)


@router.delete("/Groups/{group_id}", name="scim_delete_group")
async def delete_group(
    group_id: str, session: SessionDep, caller: CallerDep, if_match: IfMatch = None
) -> Response:
    """Delete a Group: its people leave it, then the unit goes."""
    await service.delete_group(
        session, group_id, by_admin=caller.is_admin, expected_version=if_match
    )
    return Response(status_code=204)


@router.post("/.search", name="scim_search_all")
async def search_all(_: CallerDep) -> Response:
    """Searching several resource types at once is not offered (RFC 7644 §3.4.3)."""
    return error_response(501, "search across resource types is not supported; use /Users/.search")
