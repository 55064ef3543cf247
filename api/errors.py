"""Error mapping: which refusal becomes which problem+json answer (RFC 9457).

The documents themselves are in ``api.problems``, the middlewares in ``api.middleware``.
The tree of what is turned into a problem::

    DomainError                  domain refusals: NotFound 404, PermissionDenied 403,
                                 InvalidTransition / RuleViolation / Conflict 409
    ApiError                     HTTP-level refusals: 401, 412, 413, 415, idempotency 409...
    RequestValidationError       422 ``request.invalid``, one entry per schema error
    HTTPException (Starlette)    404 / 405 for unknown routes and methods
    IntegrityError               409 ``conflict.constraint`` (a unique or foreign key constraint)
    data exception (SQLSTATE 22) 422 ``request.unstorable_value`` (e.g. a NUL character)
    connection errors            503 ``service.unavailable`` (OSError, or a DBAPIError saying so)
    anything else                500 ``internal.error`` (logged, no trace in the body)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.middleware import MAX_BODY_BYTES, BodySizeLimitMiddleware, UnexpectedErrorMiddleware
from api.problems import ProblemItem, problem_response
from api.scim_errors import error_response as scim_error_response
from api.scim_errors import is_scim_path
from domain.errors import (
    BadQuery,
    Conflict,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RuleViolation,
    TooManyRequests,
    Unauthenticated,
    UnsupportedQuery,
    Violation,
)
from persistence.repositories.base import StaleVersion

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """A refusal at the HTTP level, with its status and stable code."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = dict(headers or {})


class IdempotentReplay(Exception):
    """Answers a replayed request (same ``Idempotency-Key``, same body) with the stored answer."""

    def __init__(self, status_code: int, body: str) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.body = body


def headers_of(error: DomainError) -> dict[str, str]:
    """The headers a domain refusal's answer carries (the challenge of a 401, a 429's wait)."""
    if isinstance(error, Unauthenticated):
        return {"WWW-Authenticate": 'Bearer realm="okr"'}
    if isinstance(error, TooManyRequests):
        return {"Retry-After": str(error.retry_after)}
    return {}


def status_of(error: DomainError) -> int:
    """The HTTP status of a domain refusal."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, PreconditionFailed):
        return 412
    if isinstance(error, Unauthenticated):
        return 401
    if isinstance(error, TooManyRequests):
        return 429
    if isinstance(error, InvalidInput):
        return 422
    if isinstance(error, BadQuery):
        return 400
    if isinstance(error, UnsupportedQuery):
        return 501
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, InvalidTransition | RuleViolation | Conflict):
        return 409
    return 409


def _items(violations: Sequence[Violation]) -> list[ProblemItem]:
    return [ProblemItem(code=v.code, message=v.message, field=v.field) for v in violations]


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    if isinstance(exc, StaleVersion) and "if-match" in request.headers:
        # The version named by If-Match was current when read, but another write committed
        # first: the precondition failed (412), as it would have a moment later.
        return problem_response(
            412,
            "precondition.failed",
            f"{exc.message} (the If-Match version is no longer the current one)",
            errors=[ProblemItem(code="precondition.failed", message=exc.message, field="if-match")],
        )
    return problem_response(
        status_of(exc),
        exc.code,
        exc.message,
        errors=_items(exc.violations),
        headers=headers_of(exc),
    )


async def _api_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    items = [ProblemItem(code=exc.code, message=exc.detail, field=exc.field)]
    return problem_response(exc.status, exc.code, exc.detail, errors=items, headers=exc.headers)


async def _replay(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, IdempotentReplay)
    return Response(
        exc.body,
        status_code=exc.status_code,
        media_type="application/json",
        headers={"Idempotent-Replayed": "true"},
    )


def _dotted(loc: Sequence[int | str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    items = [
        ProblemItem(code=str(err["type"]), message=str(err["msg"]), field=_dotted(err["loc"]))
        for err in exc.errors()
    ]
    return problem_response(
        422, "request.invalid", "the request does not match the schema", errors=items
    )


_HTTP_CODES = {
    400: "request.malformed",
    404: "route.not_found",
    405: "method.not_allowed",
}


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path (each route serves one method)."""
    routes = request.app.router.routes

    def served(method: str) -> bool:
        scope = {**request.scope, "method": method}
        return any(route.matches(scope)[0] is Match.FULL for route in routes)

    return [method for method in _METHODS if served(method)]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http.{exc.status_code}")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # Starlette names only the first route matching the path; the resource has them all.
        headers["Allow"] = ", ".join(allowed_methods(request))
    if is_scim_path(request.url.path):
        return scim_error_response(exc.status_code, detail, headers=headers)
    return problem_response(exc.status_code, code, detail, headers=headers)


async def _integrity_error(_request: Request, exc: Exception) -> Response:
    logger.info("constraint refused a write: %s", exc)
    return problem_response(
        409, "conflict.constraint", "the change clashes with stored data (a duplicate or a link)"
    )


def _unavailable() -> Response:
    return problem_response(
        503,
        "service.unavailable",
        "the database is unreachable or busy; retry later",
        headers={"Retry-After": "1"},
    )


#: SQLSTATE classes meaning "the database cannot serve now": connection exceptions, insufficient
#: resources, operator intervention (shutdown, starting up), and an unknown database.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P", "3D000")


#: SQLSTATE class 22, data exception: the value itself cannot be stored (invalid characters...).
_DATA_EXCEPTION = "22"


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or "")


def _is_unavailable(exc: DBAPIError) -> bool:
    sqlstate = _sqlstate(exc)
    return (
        isinstance(exc, OperationalError | InterfaceError)
        or exc.connection_invalidated
        or isinstance(exc.orig, OSError)
        or sqlstate.startswith(_UNAVAILABLE_SQLSTATES)
    )


async def _database_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DBAPIError)
    if _is_unavailable(exc):
        logger.warning("database unavailable: %s", exc)
        return _unavailable()
    if _sqlstate(exc).startswith(_DATA_EXCEPTION):
        # The request carried a value the database cannot hold (a NUL character, say).
        logger.info("database refused a value: %s", exc)
        return problem_response(
            422, "request.unstorable_value", "a value in the request cannot be stored"
        )
    logger.error("database error", exc_info=exc)
    return problem_response(500, "internal.error", "an unexpected error occurred")


async def _connection_error(_request: Request, exc: Exception) -> Response:
    logger.warning("database connection failed: %s", exc)
    return _unavailable()


def install_error_handlers(app: FastAPI) -> None:
    """Register the problem+json handlers and the 500 / 413 middlewares on the app."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(IdempotentReplay, _replay)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(OSError, _connection_error)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(UnexpectedErrorMiddleware)
