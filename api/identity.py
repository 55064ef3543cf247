"""Wiring of identity and hardening into the app: server secret, OIDC, request ids, CORS.

``X-Request-ID``: a caller's value (printable, at most 200 characters) is kept, otherwise one is
generated; it is echoed on every answer and recorded with every audited write.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import uuid
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.engine import make_url
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.oidc import OidcVerifier
from api.settings import DATA_DIR, Settings

logger = logging.getLogger(__name__)

SECRET_FILE_NAME = "secret_key"
REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,200}")


def secret_file(settings: Settings) -> Path:
    """Where a generated server secret is kept: beside an SQLite file, else in ``DATA_DIR``
    (``var/`` of the checkout, the same for the service and the CLI wherever they run)."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).parent / SECRET_FILE_NAME
    return DATA_DIR / SECRET_FILE_NAME


def server_secret(settings: Settings) -> bytes:
    """``OKR_SECRET_KEY``, or a secret generated once and kept (mode 600) under ``var/``."""
    if settings.secret_key:
        return settings.secret_key.encode()
    path = secret_file(settings)
    if not make_url(settings.database_url).get_backend_name() == "sqlite":
        logger.warning(
            "OKR_SECRET_KEY is not set: using %s; every replica needs the same secret", path
        )
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()  # another process created it a moment ago
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_urlsafe(48).encode())
    return path.read_bytes().strip()


class RequestIdMiddleware:
    """Honours or generates ``X-Request-ID``, keeps it in ``request.state`` and echoes it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


def install_identity(app: FastAPI, settings: Settings) -> None:
    """Server secret, OIDC verifier, request ids and (when configured) CORS on the app."""
    app.state.secret_key = server_secret(settings)
    app.state.oidc = OidcVerifier(settings) if settings.oidc_enabled else None
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "Idempotency-Key",
                REQUEST_ID_HEADER,
            ],
            expose_headers=["ETag", "Retry-After", REQUEST_ID_HEADER],
            max_age=600,
        )
    app.add_middleware(RequestIdMiddleware)
