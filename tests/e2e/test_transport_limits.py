"""End to end: a live `okr serve` bounds request heads and drops slow and idle connections.

Raw sockets play the misbehaving clients (a 20 MB header, thousands of headers, a head or a
body sent a byte at a time, a connection that never speaks); an ordinary client keeps calling
`/healthz` meanwhile and must keep getting quick answers. The server runs with short timeouts
(2 s for heads and bodies, 1 s keep-alive) so that the waits stay short.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.live import LiveServer

TOKEN = "okr_pat_transportadmin_" + "t" * 40
HEAD_TIMEOUT = 2.0
KEEP_ALIVE = 1
PATIENCE = 8.0
"""How long a test waits for the server to act on a limit (well above the limits above)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("transport")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("OKR_HTTP_HEADER_TIMEOUT_SECONDS", str(HEAD_TIMEOUT))
        env.setenv("OKR_HTTP_BODY_TIMEOUT_SECONDS", str(HEAD_TIMEOUT))
        env.setenv("OKR_HTTP_KEEP_ALIVE_SECONDS", str(KEEP_ALIVE))
        live = LiveServer(f"sqlite+aiosqlite:///{root / 'okr.db'}", TOKEN, root / "serve.log")
        live.start()
    try:
        yield live
    finally:
        live.stop()


def connect(server: LiveServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE)
    return sock


def outcome(sock: socket.socket) -> int | str:
    """The status the server answered, or ``closed`` when it closed (or reset) without one."""
    try:
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError):
        return "closed"
    except TimeoutError:
        return "open"
    if not data:
        return "closed"
    return int(data.split(b" ", 2)[1])


def read_answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One whole answer with a Content-Length: status, headers, body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    headers = {k.lower(): v for k, v in headers.items()}
    while len(body) < int(headers["content-length"]):
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    return int(lines[0].split(" ", 2)[1]), headers, body


def closed_within(sock: socket.socket, seconds: float) -> tuple[bytes, float]:
    """Wait for the server to close: what it sent before, and after how long."""
    start = time.monotonic()
    received = b""
    while time.monotonic() - start < seconds:
        ready, _, _ = select.select([sock], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    else:
        raise AssertionError(f"still open after {seconds} s")
    return received, time.monotonic() - start


class Prober:
    """GET /healthz in a loop on its own connection, recording each answer and its time."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.answers: list[tuple[int, float]] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=PATIENCE) as client:
            while not self.stop.is_set():
                start = time.monotonic()
                try:
                    status = client.get("/healthz").status_code
                except httpx.HTTPError as exc:
                    self.errors.append(repr(exc))
                    continue
                self.answers.append((status, time.monotonic() - start))
                time.sleep(0.02)

    def __enter__(self) -> Prober:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.3)
        self.stop.set()
        self.thread.join(PATIENCE)


def send_head_forever(sock: socket.socket, start: bytes, total: int) -> float:
    """Send a head of ``total`` bytes (one header value); stop when the server stops it."""
    began = time.monotonic()
    sent = 0
    chunk = b"a" * 65536
    try:
        sock.sendall(start)
        while sent < total:
            sock.sendall(chunk)
            sent += len(chunk)
        sock.sendall(b"\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    return time.monotonic() - began


class TestHeads:
    def test_a_20_mb_header_is_refused_while_other_requests_are_served(
        self, server: LiveServer
    ) -> None:
        with Prober(server) as prober, connect(server) as sock:
            time.sleep(0.2)
            took = send_head_forever(
                sock, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ", 20 * 1024 * 1024
            )
            answer = outcome(sock)

        assert answer in (431, "closed"), answer
        assert took < PATIENCE
        assert prober.errors == []
        assert len(prober.answers) >= 3
        assert {status for status, _ in prober.answers} == {200}
        assert max(seconds for _, seconds in prober.answers) < 3.0

    def test_thousands_of_headers_are_431(self, server: LiveServer) -> None:
        headers = b"".join(b"X-%d: v\r\n" % n for n in range(5000))
        with connect(server) as sock:
            try:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            answer = outcome(sock)

        assert answer in (431, "closed"), answer

    def test_an_answered_431_is_a_problem_document(self, server: LiveServer) -> None:
        with connect(server) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-n: v\r\n" * 150 + b"\r\n")
            status, headers, body = read_answer(sock)

        assert status == 431
        assert headers["content-type"] == "application/problem+json"
        assert headers["connection"] == "close"
        assert json.loads(body)["code"] == "request.too_many_headers"

    def test_a_large_head_under_the_limit_and_a_large_body_are_served(
        self, server: LiveServer
    ) -> None:
        token = "x" * 60_000
        with connect(server) as sock:
            sock.sendall(
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Token: " + token.encode() + b"\r\n\r\n"
            )
            big_head = read_answer(sock)[0]
        body = json.dumps({"name": "n" * 300_000}).encode()
        head = (
            b"POST /v1/org-units HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        with connect(server) as sock:
            sock.sendall(head + body)  # one write: the head and the body arrive together
            big_body = read_answer(sock)[0]

        assert big_head == 200
        assert big_body == 422  # the name is too long for the schema: the body was read


class TestSlowAndIdle:
    def test_a_head_sent_a_line_at_a_time_times_out(self, server: LiveServer) -> None:
        with connect(server) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            start = time.monotonic()
            received = b""
            while time.monotonic() - start < PATIENCE:
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    break
                ready, _, _ = select.select([sock], [], [], 0.5)
                if ready:
                    try:
                        received = sock.recv(65536)
                    except ConnectionResetError:
                        pass
                    break
            took = time.monotonic() - start

        assert HEAD_TIMEOUT - 0.5 < took < PATIENCE
        assert received == b"" or received.startswith(b"HTTP/1.1 408 ")

    def test_a_connection_that_never_speaks_is_closed(self, server: LiveServer) -> None:
        with connect(server) as sock:
            received, took = closed_within(sock, PATIENCE)

        assert received == b""
        assert took > HEAD_TIMEOUT - 0.5

    def test_an_idle_keep_alive_connection_is_closed(self, server: LiveServer) -> None:
        with connect(server) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            status, headers, _ = read_answer(sock)
            received, took = closed_within(sock, PATIENCE)

        assert status == 200 and headers.get("connection") != "close"
        assert received == b""
        assert took < KEEP_ALIVE + 3

    def test_a_body_that_stops_halfway_is_408(self, server: LiveServer) -> None:
        with connect(server) as sock:
            sock.sendall(
                b"POST /v1/org-units HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
                b'Content-Length: 100\r\n\r\n{"name": '
            )
            received, took = closed_within(sock, PATIENCE)

        assert received.startswith(b"HTTP/1.1 408 "), received[:200]
        assert b"request.timeout" in received
        assert took > HEAD_TIMEOUT - 0.5

    def test_the_server_still_answers_after_all_this(self, server: LiveServer) -> None:
        answer = httpx.get(f"{server.url}/healthz", timeout=PATIENCE)

        assert answer.status_code == 200


def test_the_log_names_no_failure(server: LiveServer) -> None:
    log = Path(server.log).read_text(errors="replace")

    assert "Traceback" not in log
