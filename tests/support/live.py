"""A live service for end-to-end tests: `okr serve` in a subprocess, and a fault-injecting proxy."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
OKR = Path(sys.executable).with_name("okr")


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """`okr serve` on a database URL, which can be killed (SIGKILL) and started again."""

    def __init__(
        self, database_url: str, token: str, log: Path, env: dict[str, str] | None = None
    ) -> None:
        self.database_url = database_url
        self.extra_env = env or {}
        self.token = token
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        env = {
            **os.environ,
            "OKR_DATABASE_URL": self.database_url,
            "OKR_BOOTSTRAP_TOKEN": self.token,
            "OKR_DEMO": "0",
            "OKR_PORT": str(self.port),
            "OKR_LOG_LEVEL": "warning",
            **self.extra_env,
        }
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(OKR), "serve"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"okr serve exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("okr serve did not become healthy in time")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class FaultyProxy:
    """Forwards HTTP to an upstream; `decide(n)` may answer request n itself (e.g. 503).

    While the upstream is down the proxy answers 502, as a load balancer would.
    """

    def __init__(self, upstream: Callable[[], str], decide: Callable[[int], int | None]) -> None:
        self.upstream = upstream
        self.decide = decide
        self.count = 0
        self.forwarded = 0
        self.injected: list[int] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _relay(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy.lock:
                    proxy.count += 1
                    number = proxy.count
                forced = proxy.decide(number)
                if forced is not None:
                    proxy.injected.append(forced)
                    self._answer(forced, b'{"code": "injected"}', {"Retry-After": "0"})
                    return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in {"host", "content-length", "connection"}
                }
                try:
                    reply = httpx.request(
                        self.command,
                        proxy.upstream() + self.path,
                        content=body,
                        headers=headers,
                        timeout=60,
                    )
                except httpx.TransportError:
                    self._answer(502, b'{"code": "upstream.unreachable"}', {})
                    return
                with proxy.lock:
                    proxy.forwarded += 1
                keep = {"content-type", "retry-after", "etag"}
                self._answer(
                    reply.status_code,
                    reply.content,
                    {k: v for k, v in reply.headers.items() if k.lower() in keep},
                )

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _relay

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FaultyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
