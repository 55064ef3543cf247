"""Optimistic concurrency and conditional requests over HTTP: ``ETag: "<version>.<digest>"`` on
answers (``set_etag`` names the version, ``EntityTagMiddleware`` adds the digest of the body),
the ``If-Match`` header (checked by ``domain.errors.check_if_match``, 412 when stale, and 412 when
the write then loses a race to another one) and ``If-None-Match`` (304)."""

from __future__ import annotations

import hashlib
import re
from typing import Annotated

from fastapi import Header, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IfMatchDep = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The `ETag` you last read (`"<version>"`); 412 when it is stale.',
    ),
]


def etag(version: int) -> str:
    """The entity tag of a version (the middleware appends the digest of the body)."""
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    """Put the version's ``ETag`` on the answer."""
    response.headers["ETag"] = etag(version)


_VERSION_TAG = re.compile(rb'^"([0-9]+)"$')
_DIGEST_BYTES = 8


def representation_tag(version_tag: bytes, body: bytes) -> bytes:
    """``"<version>.<digest of the body>"`` for a ``"<version>"`` tag (other tags unchanged)."""
    found = _VERSION_TAG.match(version_tag)
    if found is None:
        return version_tag
    digest = hashlib.blake2b(body, digest_size=_DIGEST_BYTES).hexdigest().encode("ascii")
    return b'"' + found.group(1) + b"." + digest + b'"'


def none_match(if_none_match: str, tag: str) -> bool:
    """Whether ``If-None-Match`` names the tag (weak comparison, RFC 9110 13.1.2)."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or tag.removeprefix("W/") in tags


class EntityTagMiddleware:
    """Makes every ``ETag`` name the representation, and answers ``If-None-Match`` with 304.

    A router sets ``ETag: "<version>"`` (``set_etag``); this middleware rewrites it to
    ``"<version>.<digest>"`` with a digest of the answer's body, so the tag changes whenever the
    representation does: derived values (scores, grades, the current value a check-in sets)
    change without a new version. ``If-Match`` compares the version part (``check_if_match``):
    it guards the stored fields a write changes. A GET or HEAD whose ``If-None-Match`` names the
    current tag is answered ``304 Not Modified`` without a body. Answers without an ``ETag``
    pass through untouched (never buffered).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def tagging_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "etag" not in headers or message["status"] not in (200, 201):
                    await send(message)
                    return
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._answer(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, tagging_send)

    async def _answer(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = MutableHeaders(scope=start)
        tag = representation_tag(headers["etag"].encode("latin-1"), body).decode("latin-1")
        headers["etag"] = tag
        sent = Headers(scope=scope).get("if-none-match")
        if scope["method"] in ("GET", "HEAD") and sent is not None and none_match(sent, tag):
            kept = [
                (name, value)
                for name, value in start["headers"]
                if name.lower() not in (b"content-length", b"content-type")
            ]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
