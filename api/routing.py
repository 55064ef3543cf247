"""The route class of every /v1 operation: exact JSON numbers, JSON-only bodies, and no unknown
query parameter (422 naming each, as api.md asks).

Starlette parses JSON numbers into ``float``; this route parses them into ``Decimal`` (so a KR value
keeps every digit; integral ones like ``10.0`` become ``int``, as JSON Schema counts them integers)
and refuses ``NaN``/``Infinity`` as invalid JSON. A body that is not JSON is refused with 415
before the schema is looked at.
"""

from __future__ import annotations

import email.message
import json
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from api.errors import ApiError


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a valid JSON number", name, 0)


def _number(text: str) -> int | Decimal:
    """A JSON number with a fraction or exponent: exact, and an ``int`` when it is integral.

    JSON Schema counts ``10.0`` and ``1e2`` as integers, so integer fields accept them; decimal
    fields take ints as well. Huge exponents stay decimals (no megabyte-long ints).
    """
    value = Decimal(text)
    if value.is_finite() and value.adjusted() < 20 and value == value.to_integral_value():
        return int(value)
    return value


def loads(data: bytes | str) -> Any:
    """Parse JSON (UTF-8 only, RFC 8259) with exact decimals and without NaN/Infinity.

    Every way a body can fail to be JSON raises ``JSONDecodeError`` (so FastAPI answers 422
    ``json_invalid``): invalid UTF-8 and nesting too deep to parse included.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError("the body is not valid UTF-8", "", exc.start) from exc
    try:
        parsed = json.loads(data, parse_float=_number, parse_constant=_refuse_constant)
        # JSON spells NUL only as the escape \u0000 (a raw one is refused above): look for it
        # in the text before walking the document.
        if "\\u0000" in data and _has_nul(parsed):
            raise json.JSONDecodeError("strings must not contain U+0000 (NUL)", data, 0)
    except RecursionError as exc:
        raise json.JSONDecodeError("the body is nested too deeply", data, 0) from exc
    return parsed


def _has_nul(value: Any) -> bool:
    """Whether a string anywhere in the document holds NUL, which no text column can store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def is_json_media_type(content_type: str) -> bool:
    """Whether a Content-Type is ``application/json`` or ``application/*+json``."""
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


class JSONRequest(Request):
    """A request whose ``json()`` keeps decimals exact and refuses non-JSON bodies."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


def _query_names(dependant: Dependant) -> frozenset[str]:
    """Every query parameter an operation declares, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


class JSONRoute(APIRoute):
    """An API route that parses JSON exactly and answers 415 for a non-JSON body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        has_body = self.body_field is not None
        known = _query_names(self.dependant)

        async def route_handler(request: Request) -> Response:
            unknown = sorted({name for name in request.query_params if name not in known})
            if unknown:
                raise RequestValidationError(
                    [
                        {
                            "type": "extra_forbidden",
                            "loc": ("query", name),
                            "msg": f"unknown query parameter {name!r}",
                            "input": request.query_params.get(name),
                        }
                        for name in unknown
                    ]
                )
            json_request = JSONRequest(request.scope, request.receive)
            if has_body and await json_request.body():
                content_type = json_request.headers.get("content-type", "")
                if not is_json_media_type(content_type):
                    raise ApiError(
                        415,
                        "request.unsupported_media_type",
                        "the body must be JSON (Content-Type: application/json)",
                        field="content-type",
                    )
            return await handler(json_request)

        return route_handler
