"""``okr org sync FILE [--dry-run]``: the snapshot applied from the command line (a real
process on a SQLite file), with its diff summary."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from tests.support.live import OKR, ROOT

HEADER = (
    "kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,"
    "manager_external_id,active"
)
SNAPSHOT = (
    HEADER
    + """
unit,u-co,Company,,,p-ceo,,,
unit,u-it,IT,,u-co,,,,
person,p-ceo,Ceo,ceo@example.com,,,u-co,,
person,p-dev,Dev,dev@example.com,,,u-it,p-ceo,true
"""
)


def _okr(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OKR_DATABASE_URL": f"sqlite+aiosqlite:///{db}", "OKR_DEMO": "0"}
    return subprocess.run(
        [str(OKR), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _people(db: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT external_id, manager_id FROM people ORDER BY external_id")
        return [(str(r[0]), r[1]) for r in rows]


def test_okr_org_sync_dry_run_then_apply(tmp_path: Path) -> None:
    db, snapshot = tmp_path / "okr.db", tmp_path / "hr.csv"
    snapshot.write_text(SNAPSHOT, encoding="utf-8")
    # Like every `okr` command that only uses a database, the sync creates none.
    missing = _okr(db, "org", "sync", str(snapshot), "--dry-run")
    assert missing.returncode == 1 and "no database at" in missing.stderr
    assert not db.exists()
    assert _okr(db, "migrate").returncode == 0

    dry = _okr(db, "org", "sync", str(snapshot), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing written" in dry.stdout
    assert "units_created: 2" in dry.stdout and "people_created: 2" in dry.stdout
    assert "syncing" in dry.stderr
    assert _people(db) == []

    applied = _okr(db, "org", "sync", str(snapshot))
    assert applied.returncode == 0, applied.stderr
    assert "applied" in applied.stdout and "people_created: 2" in applied.stdout
    people = dict(_people(db))
    assert set(people) == {"p-ceo", "p-dev"} and people["p-dev"] is not None

    again = _okr(db, "org", "sync", str(snapshot))
    assert "unchanged: 4" in again.stdout

    looped = tmp_path / "loop.csv"
    looped.write_text(SNAPSHOT.replace("u-co,,\n", "u-co,p-dev,\n", 1), encoding="utf-8")
    refused = _okr(db, "org", "sync", str(looped))
    assert refused.returncode == 1
    assert "the reporting lines would loop: " in refused.stderr
