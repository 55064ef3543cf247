"""The HTTP/1.1 protocol ``okr serve`` runs uvicorn with: httptools, with bounded request heads
and connections that cannot stay slow for ever.

uvicorn's httptools protocol puts no limit on a request head: httptools gathers a header's value
by concatenating the pieces it receives, so one 20 MB header costs seconds of CPU on the event
loop (every other connection of the process waits) and its memory; nor does it bound how long a
client may take to send a head or a body. ``BoundedHttpToolsProtocol`` adds, per connection::

    head size     the request line and headers at most OKR_HTTP_MAX_HEADER_BYTES (64 KiB),
                  counted as bytes arrive, before the parser has gathered them; and at most
                  OKR_HTTP_MAX_HEADERS (100) header lines: beyond either, 431 and the
                  connection is closed
    head time     a request head must be complete OKR_HTTP_HEADER_TIMEOUT_SECONDS (10 s)
                  after the connection opened or the request began (slowloris): 408 and
                  closed, or just closed when nothing was sent
    body time     a body must be complete OKR_HTTP_BODY_TIMEOUT_SECONDS (60 s) after its head:
                  408 (when no answer has started) and closed
    write stall   a client that reads nothing of an answer for OKR_HTTP_WRITE_TIMEOUT_SECONDS
                  (60 s) is disconnected, so a stalled export frees its database session

Idle keep-alive connections close after OKR_HTTP_KEEP_ALIVE_SECONDS (uvicorn's
``timeout_keep_alive``) and OKR_HTTP_MAX_CONNECTIONS bounds the connections and requests of a
process (uvicorn's ``limit_concurrency``: 503 beyond it); see ``uvicorn_options``. The refusals
are problem+json documents like the application's.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from api.settings import Settings, get_settings

PROTOCOL = "api.server:BoundedHttpToolsProtocol"
"""What ``okr serve`` passes to uvicorn as ``http`` (importable in every worker)."""

_HEADER_OVERHEAD = 4
"""``: `` and CRLF around each header line, counted with its name and value."""


@dataclass(frozen=True, slots=True)
class TransportLimits:
    """The limits of one connection, from the settings."""

    max_header_bytes: int
    max_headers: int
    header_timeout: float
    body_timeout: float
    write_timeout: float

    @classmethod
    def from_settings(cls, settings: Settings) -> TransportLimits:
        """The limits the settings name."""
        return cls(
            max_header_bytes=settings.http_max_header_bytes,
            max_headers=settings.http_max_headers,
            header_timeout=settings.http_header_timeout_seconds,
            body_timeout=settings.http_body_timeout_seconds,
            write_timeout=settings.http_write_timeout_seconds,
        )


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn options of ``okr serve``: this protocol, keep-alive and concurrency."""
    return {
        "http": PROTOCOL,
        "timeout_keep_alive": settings.http_keep_alive_seconds,
        "limit_concurrency": settings.http_max_connections or None,
    }


class _Refused(Exception):
    """Raised from a parser callback to stop parsing a request that is refused."""


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the head, time and write limits of the module."""

    limits: TransportLimits | None = None
    """Read from the settings at the first connection (tests may set it)."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        cls = type(self)
        if cls.limits is None:
            cls.limits = TransportLimits.from_settings(get_settings())
        self._limits = cls.limits
        self._reading_head = True
        self._head_bytes = 0
        """Bytes received since the current request head began (before the parser saw them)."""
        self._parsed_head_bytes = 0
        """Bytes of the request line and headers the parser has handed over."""
        self._header_count = 0
        self._message_begun = False
        self._refusal: tuple[int, str, str] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._write_stall: asyncio.TimerHandle | None = None

    # Timers

    def _arm(self, seconds: float, handler: Any) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, handler)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _head_timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            # An answer is still being sent: close once it is, instead of cutting it.
            self.cycle.keep_alive = False
            return
        if not self._message_begun:
            self.transport.close()  # a connection that never sent anything
            return
        self._refuse(408, "request.timeout", "the request head did not arrive in time")

    def _body_timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and self.cycle.response_started:
            self.transport.close()
            return
        self._refuse(408, "request.timeout", "the request body did not arrive in time")

    def _write_timed_out(self) -> None:
        self._write_stall = None
        if not self.transport.is_closing():
            self.logger.info("closing a connection that read nothing of its answer in time")
        self.transport.abort()

    # Refusals

    def _refuse(self, status: int, code: str, detail: str) -> None:
        """Answer a problem+json refusal and close the connection."""
        self._disarm()
        running = (
            self.cycle if self.cycle is not None and not self.cycle.response_complete else None
        )
        if running is not None:
            if running.response_started:
                # An answer is being written (a pipelined request is refused meanwhile): a
                # refusal would land inside it, so the connection just closes.
                self.transport.close()
                return
            # The application still waits for this request (its body): it sees a disconnect
            # and whatever it answers is dropped.
            running.disconnected = True
            running.message_event.set()
        phrase = HTTPStatus(status).phrase
        body = json.dumps(
            {
                "type": f"/problems/{code}",
                "title": phrase,
                "status": status,
                "detail": detail,
                "code": code,
                "errors": [],
            }
        ).encode()
        content = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/problem+json\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()

    def _head_too_large(self) -> tuple[int, str, str]:
        limit = self._limits.max_header_bytes
        return 431, "request.headers_too_large", f"the request head is larger than {limit} bytes"

    def send_400_response(self, msg: str) -> None:
        """A parse error; a refusal decided in a parser callback is answered instead."""
        if self._refusal is not None:
            self._refuse(*self._refusal)
            return
        super().send_400_response(msg)

    # Protocol interface

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self._limits.header_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._write_stall is not None:
            self._write_stall.cancel()
            self._write_stall = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._reading_head:
            self._head_bytes += len(data)
        super().data_received(data)
        # Checked after parsing: a chunk may end a head and carry a body, which is no head byte.
        # A head still incomplete holds every byte counted, so the parser holds at most the
        # limit and one chunk.
        if (
            self._reading_head
            and self._head_bytes > self._limits.max_header_bytes
            and not self.transport.is_closing()
        ):
            self._refuse(*self._head_too_large())

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_stall is None:
            self._write_stall = self.loop.call_later(
                self._limits.write_timeout, self._write_timed_out
            )

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_stall is not None:
            self._write_stall.cancel()
            self._write_stall = None

    # Parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._message_begun = True
        self._header_count = 0
        self._parsed_head_bytes = 0
        if self._deadline is None:
            self._arm(self._limits.header_timeout, self._head_timed_out)

    def on_url(self, url: bytes) -> None:
        self._parsed_head_bytes += len(url)
        if self._parsed_head_bytes > self._limits.max_header_bytes:
            self._refusal = self._head_too_large()
            raise _Refused
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._parsed_head_bytes += len(name) + len(value) + _HEADER_OVERHEAD
        if self._header_count > self._limits.max_headers:
            limit = self._limits.max_headers
            self._refusal = (431, "request.too_many_headers", f"more than {limit} headers")
            raise _Refused
        if self._parsed_head_bytes > self._limits.max_header_bytes:
            self._refusal = self._head_too_large()
            raise _Refused
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._head_bytes = 0
        self._arm(self._limits.body_timeout, self._body_timed_out)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()
        self._reading_head = True
        self._head_bytes = 0
        self._message_begun = False
