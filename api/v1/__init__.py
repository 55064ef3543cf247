"""The /v1 routers, one module per resource; ``resource_router`` gives each the shared setup."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import scope_gate
from api.problems import PROBLEM_RESPONSES
from api.routing import JSONRoute


def resource_router(tag: str) -> APIRouter:
    """A router under ``/v1`` that parses JSON exactly and declares the problem answers.

    Every operation passes the central scope gate (``api.access``): the caller must be
    authenticated, and a service key must hold the operation's scope.
    """
    return APIRouter(
        prefix="/v1",
        tags=[tag],
        route_class=JSONRoute,
        responses=dict(PROBLEM_RESPONSES),
        dependencies=[Depends(scope_gate)],
    )
