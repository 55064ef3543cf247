"""Application factory."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute

from api import health


def operation_id(route: APIRoute) -> str:
    """Short, stable operation ids (and so generated client function names): the route's name."""
    return route.name


def create_app() -> FastAPI:
    """Build the FastAPI application with every router mounted."""
    app = FastAPI(
        title="OKR service",
        version="1.0.0",
        summary="Set, align, track and score Objectives and Key Results.",
        generate_unique_id_function=operation_id,
    )
    app.include_router(health.router)
    return app
