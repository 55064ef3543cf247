"""The `okr-push` command without a service: --dry-run, a file refused whole, a service down."""

from __future__ import annotations

from pathlib import Path

import pytest
from okr_push.cli import main

from tests.support.live import free_port

ROWS = (
    "metric_key,value,observed_at,external_id\n"
    "sales.new,12,2026-11-01T00:00:00Z,a\n"
    "sales.new,twelve,2026-11-02T00:00:00Z,b\n"
    "sales.new,13,2026-11-03T00:00:00Z,c\n"
)


def _file(tmp_path: Path, text: str, name: str = "points.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_dry_run_checks_every_row_names_the_bad_line_and_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OKR_URL", raising=False)
    monkeypatch.delenv("OKR_TOKEN", raising=False)

    bad = main([_file(tmp_path, ROWS), "--dry-run"])
    bad_out = capsys.readouterr().out
    good = main([_file(tmp_path, ROWS.replace("twelve", "12.5")), "--dry-run"])
    good_out = capsys.readouterr().out

    assert bad == 1
    assert "dry run: 2 rows would be sent, 1 refused (nothing was sent)" in bad_out
    assert "refused line 3: value 'twelve' is not a number" in bad_out
    assert good == 0 and "3 rows would be sent, 0 refused" in good_out


def test_unknown_columns_refuse_the_file_before_anything_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OKR_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("OKR_TOKEN", "okr_pat_x_" + "x" * 40)
    text = ROWS.replace("external_id", "externalid,comment").replace("Z,", "Z,x,")

    code = main([_file(tmp_path, text)])
    err = capsys.readouterr().err

    assert code == 2
    assert "line 1: unknown columns 'externalid', 'comment'" in err
    assert "the columns are metric_key, value, observed_at, external_id" in err
    assert "cannot reach" not in err  # nothing was sent


def test_the_first_connection_failure_is_told_at_once_with_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    monkeypatch.setenv("OKR_URL", url)
    monkeypatch.setenv("OKR_TOKEN", "okr_pat_x_" + "x" * 40)

    code = main([_file(tmp_path, ROWS), "--max-attempts", "3"])  # waits about a second
    captured = capsys.readouterr()
    lines = captured.err.splitlines()

    assert code == 2
    assert lines[0].startswith(f"okr-push: cannot reach {url} (ConnectError")
    assert "retrying in" in lines[0] and "up to 2 more attempts, giving up after about" in lines[0]
    assert lines[1].startswith("okr-push: attempt 2 of 3 failed (ConnectError")
    assert "service unreachable after 3 attempts" in lines[2]
    assert "stopped after 0 of 2 rows" in lines[3]
    assert "refused line 3: value 'twelve' is not a number" in captured.out
