"""End to end: `/docs` and `/redoc` of a live service render in a real browser with no network.

`tests/browser/docs.mjs` drives Debian's headless Chromium (playwright-core, the system browser)
through both pages with every request to another host aborted, and reports what rendered. The
service must render every operation and every tag of its own `openapi.json` on both pages, with
nothing aborted and no script error. A bare FastAPI app (the CDN pages the service used to serve)
fails the same check: the check can see the fault it guards against.

Without Chromium, node or `tests/browser/node_modules` (`make test` runs `npm ci` there) the
browser tests are skipped, and fail with ``CI=true``. The pages serve no data: one backend does.
Set ``OKR_DOCS_SCREENSHOTS`` to a folder to keep a screenshot of each page there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.support.live import ROOT, LiveServer, free_port

BROWSER_DIR = ROOT / "tests" / "browser"
SCRIPT = BROWSER_DIR / "docs.mjs"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
TOKEN = "okr_pat_docsadmin_" + "d" * 40
PAGES = ("docs", "redoc")


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, once Chromium and the script's packages are there (else skip or fail)."""
    node = shutil.which("node")
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if node is None:
        missing.append("node")
    if not (BROWSER_DIR / "node_modules" / "playwright-core").is_dir():
        missing.append("tests/browser/node_modules (make test runs npm ci there)")
    if missing or node is None:
        message = "the browser test needs " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


@pytest.fixture(scope="module")
def service(node: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`okr serve` on a fresh SQLite file (it migrates and bootstraps by itself)."""
    tmp = tmp_path_factory.mktemp("docs")
    server = LiveServer(f"sqlite+aiosqlite:///{tmp / 'okr.db'}", TOKEN, tmp / "serve.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def browse(node: str, base_url: str, label: str, *options: str) -> tuple[int, dict[str, Any]]:
    """Run the browser script on a service; its exit code and its JSON report."""
    command = [node, str(SCRIPT), base_url, *options]
    if shots := os.environ.get("OKR_DOCS_SCREENSHOTS"):
        command += ["--screenshots", str(Path(shots) / label)]
    done = subprocess.run(
        command, cwd=BROWSER_DIR, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return done.returncode, report


def test_docs_and_redoc_list_every_operation_with_the_network_closed(
    node: str, service: LiveServer
) -> None:
    spec = httpx.get(f"{service.url}/openapi.json", timeout=10).json()
    operations = sorted(
        operation["operationId"] for item in spec["paths"].values() for operation in item.values()
    )
    tags = [tag["name"] for tag in spec["tags"]]

    code, report = browse(node, service.url, "service")

    assert report["blocked"] == [], "the pages asked for other hosts"
    assert code == 0 and report["ok"], report
    for name in PAGES:
        page = report["pages"][name]
        assert page["status"] == 200, (name, page)
        assert page["rendered"], (name, page["errors"])
        assert page["title"].startswith("OKR service"), (name, page["title"])
        assert sorted(page["operations"]) == operations, name
        assert page["tags"] == tags, name
        assert {"list_objectives", "create_check_in_batch"} <= set(page["operations"])
        assert "objectives" in page["tags"]
        assert page["errors"] == [], (name, page["errors"])
    swagger, redoc = report["pages"]["docs"], report["pages"]["redoc"]
    assert swagger["console_errors"] == swagger["failed"] == swagger["violations"] == []
    # ReDoc's bundle always draws its vendor's logo from the vendor's site; the page's policy
    # keeps the browser from asking for it (so it never reached the network, see `blocked`).
    foreign = [v for v in redoc["violations"] if not v["blocked"].startswith(service.url)]
    assert foreign == redoc["violations"], redoc["violations"]
    assert {v["directive"] for v in redoc["violations"]} <= {"img-src"}, redoc["violations"]
    assert all(f["error"] == "csp" and f["type"] == "image" for f in redoc["failed"]), redoc
    assert all("Content Security Policy" in e for e in redoc["console_errors"]), redoc


def test_the_cdn_pages_of_fastapi_fail_the_same_check(node: str, tmp_path: Path) -> None:
    """FastAPI's default pages (what the service served before) stay blank: the check sees it."""
    port = free_port()
    program = (
        "import uvicorn; from fastapi import FastAPI; "
        f"uvicorn.run(FastAPI(), host='127.0.0.1', port={port}, log_level='warning')"
    )
    log = tmp_path / "cdn.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-c", program], stdout=out, stderr=out)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
        code, report = browse(node, base, "fastapi-cdn", "--timeout-ms", "3000")
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert code == 1 and not report["ok"]
    assert any("swagger-ui-bundle.js" in url for url in report["blocked"]), report["blocked"]
    assert any("redoc.standalone.js" in url for url in report["blocked"]), report["blocked"]
    assert not report["pages"]["docs"]["rendered"] and not report["pages"]["redoc"]["rendered"]


# -- the pages themselves, without a browser (both backends) ------------------------------------

_REFERENCE = re.compile(r"""(?:src|href|url:)\s*=?\s*["']([^"']+)["']""")


async def test_the_pages_need_no_credential_and_reference_only_the_service(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as anonymous:
        for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
            page = await anonymous.get(path)
            assert page.status_code == 200, (path, page.text)
            assert page.headers["content-type"].startswith("text/html")
            policy = page.headers["content-security-policy"]
            assert "default-src 'none'" in policy and "script-src 'self'" in policy
            for reference in _REFERENCE.findall(page.text):
                assert reference.startswith("/"), (path, reference)
                asset = await anonymous.get(reference)
                assert asset.status_code == 200, (path, reference)
        assert '"validatorUrl": null' in (await anonymous.get("/docs")).text
        assert (await anonymous.get("/docs/assets/no-such-file.js")).status_code == 404
        spec = (await anonymous.get("/openapi.json")).json()
    assert not [p for p in spec["paths"] if p.startswith(("/docs", "/redoc"))]
