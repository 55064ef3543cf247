"""A webhook receiver on loopback: records every request, answers as a script says."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks import Webhook


@dataclass(frozen=True)
class Received:
    """One request the receiver got."""

    number: int
    at: float
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed

    @property
    def msg_id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def cursor(self) -> int:
        return int(self.payload["data"]["cursor"])


Answer = tuple[int, dict[str, str]]


@dataclass
class Receiver:
    """``answer(request)`` decides each reply (default 200); ``delay`` seconds before it."""

    answer: Callable[[Received], Answer] = lambda _: (200, {})
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with receiver.lock:
                    request = Received(
                        number=len(receiver.received) + 1,
                        at=time.monotonic(),
                        path=self.path,
                        headers={k.lower(): v for k, v in self.headers.items()},
                        body=body,
                    )
                    receiver.received.append(request)
                if receiver.delay:
                    time.sleep(receiver.delay)
                status, headers = receiver.answer(request)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)


def verified(secret: str, request: Received) -> dict[str, Any]:
    """The payload, after ``standardwebhooks`` verified the signature as a receiver would."""
    result: dict[str, Any] = Webhook(secret).verify(request.body, request.headers)
    return result
