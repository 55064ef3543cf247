"""End to end: two `okr deadlines produce` processes started at once on one database send each
deadline notice once (the unique constraint on the notices decides, not the timing)."""

from __future__ import annotations

import asyncio
import os
import subprocess

from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import add_kr, make_cycle, make_objective, make_team, post_ok
from tests.support.live import OKR, ROOT


async def test_two_producer_processes_send_each_notice_once(
    database: Database, admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_team(admin, make_actor)
    cycle = await make_cycle(
        admin.client,
        name="January 2027",
        kind="monthly",
        starts_on="2027-01-01",
        ends_on="2027-01-31",
        deadlines_from_template=True,
    )
    proposed = await make_objective(team.member.client, cycle["id"], team.member.id)
    await add_kr(team.member.client, proposed["id"], due_on="2027-01-31")
    await post_ok(team.member.client, f"/v1/objectives/{proposed['id']}/submit", None, 200)
    await make_objective(team.peer.client, cycle["id"], team.peer.id, title="Peer draft")
    env = {**os.environ, "OKR_DATABASE_URL": database.url}
    command = [str(OKR), "deadlines", "produce", "--on", "2026-12-30"]

    def run_both() -> list[subprocess.CompletedProcess[str]]:
        started = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        done = []
        for process in started:
            out, err = process.communicate(timeout=120)
            done.append(subprocess.CompletedProcess(command, process.returncode, out, err))
        return done

    results = await asyncio.to_thread(run_both)
    again = await asyncio.to_thread(
        subprocess.run, command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    counts = sorted(int(r.stdout.split()[0]) for r in results)
    # submission missed (peer), agreement approaching (manager for the proposal, peer).
    assert sum(counts) == 3, counts
    assert again.stdout.split()[0] == "0"
    feed = await admin.client.get("/v1/events", params={"limit": 500})
    notices = [e for e in feed.json()["items"] if e["entity"] == "deadline"]
    assert sorted((e["type"], e["data"]["deadline"], e["data"]["person_id"]) for e in notices) == (
        sorted(
            [
                ("deadline.approaching", "agreement", team.manager.id),
                ("deadline.approaching", "agreement", team.peer.id),
                ("deadline.missed", "submission", team.peer.id),
            ]
        )
    )
