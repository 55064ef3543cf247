"""The README's first hour, as written: its shell blocks run against `okr serve` on the demo.

Every ```sh block of README.md runs, in order, in one bash (``set -euo pipefail``) at the
checkout, except those under a ``<!-- not run by the README test: why -->`` line. The only
change is the service's address: the README's ``http://127.0.0.1:8000`` becomes the live
server's. The `okr` command gets nothing but ``OKR_DATABASE_URL``, the setting the service runs
with. Then okr-push on a file with a bad row, and `okr token` on a database that is not there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.live import ROOT, LiveServer

README = ROOT / "README.md"
README_URL = "http://127.0.0.1:8000"
NOT_RUN = "<!-- not run by the README test:"
OKR_PUSH = Path(sys.executable).with_name("okr-push")


def readme_blocks() -> tuple[list[str], list[str]]:
    """The README's shell blocks to run, and the first line of each block left out."""
    run: list[str] = []
    skipped: list[str] = []
    lines = README.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        if lines[index] == "```sh":
            end = lines.index("```", index + 1)
            body = "\n".join(lines[index + 1 : end])
            marked = index > 0 and lines[index - 1].startswith(NOT_RUN)
            (skipped if marked else run).append(body.splitlines()[0] if marked else body)
            index = end
        index += 1
    return run, skipped


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("first-hour")
    server = LiveServer(
        f"sqlite+aiosqlite:///{folder / 'okr.db'}",
        "okr_pat_firsthour_" + "f" * 40,
        folder / "serve.log",
        demo=True,
    )
    server.start(timeout=120)
    try:
        yield server
    finally:
        server.stop()


def _env(server: LiveServer, **more: str) -> dict[str, str]:
    """The environment the service runs in (its database included), as a shell there has it."""
    return {**os.environ, "OKR_DATABASE_URL": server.database_url, **more}


def test_the_readme_shell_blocks_run_as_written_on_the_demo(demo_server: LiveServer) -> None:
    blocks, skipped = readme_blocks()
    script = "\n".join(["set -euo pipefail", *blocks]).replace(README_URL, demo_server.url)

    done = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=_env(demo_server),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert len(blocks) >= 4
    assert [line.split()[:2] for line in skipped] == [
        ["make", "run"],
        ["scripts/okr", "org"],
        ["pip", "install"],
        ["curl", "-sf"],
        ["make", "check"],
    ]
    out = done.stdout
    assert '"state":"active"' in out  # GET /v1/current-cycle
    assert '"objectives_per_owner"' in out and '"status":"too_few"' not in out  # the report
    assert '"Become the first choice of mid-sized customers"' in out  # the CSV export
    assert "created: 1  duplicate: 0  refused: 0" in out  # okr-push
    assert '"secret":"okr_key_' in out  # the Access section's key
    log = demo_server.log.read_text(encoding="utf-8")
    assert f"{ROOT / 'scripts' / 'okr'} token create --email admin@localhost" in log


def test_okr_push_pushes_the_good_rows_and_names_the_bad_line(
    demo_server: LiveServer, tmp_path: Path
) -> None:
    admin = {"Authorization": f"Bearer {demo_server.token}"}
    key = httpx.post(
        f"{demo_server.url}/v1/api-keys",
        headers=admin,
        json={"name": "e2e", "scopes": ["metrics:write"], "metric_keys": ["sales.new_customers"]},
    )
    assert key.status_code == 201, key.text
    points = tmp_path / "points.csv"
    points.write_text(
        "metric_key,value,observed_at\n"
        "sales.new_customers,18,2026-01-01T00:00:00Z\n"
        "sales.new_customers,lots,2026-01-01T00:00:01Z\n"
        "no.such.metric,3,2026-01-01T00:00:02Z\n"
        "sales.new_customers,19,2026-01-01T00:00:03Z\n",
        encoding="utf-8",
    )
    env = _env(demo_server, OKR_URL=demo_server.url, OKR_TOKEN=key.json()["secret"])

    done = subprocess.run(
        [str(OKR_PUSH), str(points)], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("created: 2  duplicate: 0  refused: 2"), done.stdout
    assert lines[1] == "  refused line 3: value 'lots' is not a number"
    assert lines[2].startswith("  refused line 4: no.such.metric: "), lines[2]


def test_the_cli_elsewhere_finds_no_database_and_creates_none(tmp_path: Path) -> None:
    okr = Path(sys.executable).with_name("okr")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OKR_")}
    env["OKR_DATABASE_URL"] = "sqlite+aiosqlite:///var/okr.db"  # relative: of the working folder

    done = subprocess.run(
        [str(okr), "token", "create", "--email", "admin@localhost"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert f"no database at {tmp_path / 'var' / 'okr.db'}" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_wrapper_from_another_folder_uses_the_servers_database(
    demo_server: LiveServer, tmp_path: Path
) -> None:
    """``scripts/okr`` needs no activated virtualenv and no checkout as working folder: with the
    service's settings it issues a token into the service's database, which the service accepts;
    with none it names the checkout's ``var/okr.db`` (the service's default), not the folder's."""
    # The service's settings, and no virtualenv on the PATH.
    env = {k: v for k, v in _env(demo_server).items() if k != "VIRTUAL_ENV"}
    env["PATH"] = "/usr/bin:/bin"

    issued = subprocess.run(
        [str(ROOT / "scripts" / "okr"), "token", "create", "--email", "admin@localhost"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    me = httpx.get(f"{demo_server.url}/v1/people", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200, me.text

    default = subprocess.run(
        [str(ROOT / "scripts" / "okr"), "token", "list", "--email", "nobody@example.com"],
        cwd=tmp_path,
        env={k: v for k, v in env.items() if k != "OKR_DATABASE_URL"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    # The checkout's database: absent (refused, and named) or present (no such person there).
    assert default.returncode == 1, default.stdout + default.stderr
    checkout_db = ROOT / "var" / "okr.db"
    assert (
        f"no database at {checkout_db}" in default.stderr
        if not checkout_db.exists()
        else "nobody@example.com" in default.stderr
    ), default.stderr
    assert list(tmp_path.iterdir()) == []

    push = subprocess.run(
        [str(ROOT / "scripts" / "okr-push"), "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert push.returncode == 0 and "usage: okr-push" in push.stdout, push.stderr


def test_the_python_client_readme_push_example_runs(demo_server: LiveServer) -> None:
    text = (ROOT / "clients" / "python" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)\n```$", text, re.M | re.S)
    push = [b for b in blocks if "create_check_in_batch" in b]
    key = httpx.post(
        f"{demo_server.url}/v1/api-keys",
        headers={"Authorization": f"Bearer {demo_server.token}"},
        json={"name": "crm", "scopes": ["metrics:write"], "metric_keys": ["sales.new_customers"]},
    )
    assert key.status_code == 201, key.text
    env = _env(demo_server, OKR_URL=demo_server.url, OKR_TOKEN=key.json()["secret"])

    done = subprocess.run(
        [sys.executable, "-c", push[0]], env=env, capture_output=True, text=True, timeout=60
    )

    assert len(push) == 1
    assert done.returncode == 0, done.stderr
    assert done.stdout == "created: 1  duplicate: 0  refused: 0\n"
    krs = httpx.get(
        f"{demo_server.url}/v1/key-results",
        params={"metric_key": "sales.new_customers"},
        headers={"Authorization": f"Bearer {demo_server.token}"},
    ).json()["items"]
    assert [kr["current_value"] for kr in krs] == [21]
