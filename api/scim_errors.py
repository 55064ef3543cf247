"""SCIM answers and error documents (RFC 7644 §3.12): ``application/scim+json`` bodies with the
``urn:ietf:params:scim:api:messages:2.0:Error`` schema, ``status``, ``scimType``, ``detail``."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Response
from scim2_models import Error

SCIM_MEDIA_TYPE = "application/scim+json"
PREFIX = "/scim/v2"


def is_scim_path(path: str) -> bool:
    """Whether a request path is under ``/scim/v2`` (its errors are SCIM's, not problem+json)."""
    return path == PREFIX or path.startswith(PREFIX + "/")


def scim_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A SCIM JSON answer."""
    return Response(
        json.dumps(body, default=str),
        status_code=status,
        media_type=SCIM_MEDIA_TYPE,
        headers=headers,
    )


def error_response(
    status: int, detail: str, scim_type: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    """A SCIM error answer."""
    body = Error(status=status, detail=detail, scim_type=scim_type).model_dump()
    return scim_response(body, status, headers)
