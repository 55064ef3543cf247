"""Webhooks end to end through the app and the delivery job, to a real receiver on loopback:
Standard Webhooks signatures checked with the ``standardwebhooks`` package, order, retries with
growing gaps, 410, replay, rotation, pause, the outbound guard; on both databases."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from api.services.webhook_delivery import Deliverer, DeliveryConfig
from domain.webhooks import parse_networks
from tests.conftest import Actor, MakeActor
from tests.support.builders import add_kr, make_cycle, make_objective, post_ok
from tests.support.problems import assert_problem
from tests.support.receiver import Received, Receiver, verified

LOOPBACK = parse_networks(["127.0.0.0/8"])


def config(**changes: Any) -> DeliveryConfig:
    values: dict[str, Any] = {
        "schedule": (0.05, 0.1),
        "disable_after": 3,
        "allowed": LOOPBACK,
        "connect_timeout": 1.0,
        "read_timeout": 2.0,
        "batch": 100,
        "lease_seconds": 10.0,
    }
    values.update(changes)
    return DeliveryConfig(**values)


@pytest.fixture
def allow_http(app: FastAPI) -> Iterator[None]:
    """The app accepts ``http://`` subscription URLs (the receiver is plain HTTP)."""
    settings = app.state.settings
    app.state.settings = settings.model_copy(update={"webhook_allow_http": True})
    yield
    app.state.settings = settings


@pytest.fixture
async def deliverer(app: FastAPI, admin: Actor) -> AsyncIterator[Deliverer]:
    job = Deliverer(app.state.session_factory, app.state.webhook_box, config())
    yield job
    await job.aclose()


async def drain(job: Deliverer, *, rounds: int = 200, pause: float = 0.02) -> None:
    """Run the delivery job until a round finds nothing to do (retries waiting are waited for
    up to ``rounds`` rounds)."""
    idle = 0
    for _ in range(rounds):
        done = await job.run_once()
        idle = 0 if done else idle + 1
        if idle >= 3 and not await _pending(job):
            return
        await asyncio.sleep(0 if done else pause)


async def _pending(job: Deliverer) -> bool:
    async with job.factory() as session:
        count = (
            await session.execute(
                text("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'")
            )
        ).scalar_one()
    return bool(count)


async def subscribe(client: httpx.AsyncClient, url: str, **fields: Any) -> dict[str, Any]:
    body = {"url": url, "event_types": ["*"], **fields}
    response = await client.post("/v1/webhooks", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def people(client: httpx.AsyncClient, count: int, tag: str = "p") -> None:
    for i in range(count):
        response = await client.post(
            "/v1/people", json={"name": f"{tag} {i}", "email": f"{tag}{i}@example.com"}
        )
        assert response.status_code == 201, response.text


async def feed_after(client: httpx.AsyncClient, cursor: str) -> list[dict[str, Any]]:
    page = (await client.get("/v1/events", params={"after": cursor, "limit": 500})).json()
    items: list[dict[str, Any]] = page["items"]
    return items


pytestmark = pytest.mark.usefixtures("allow_http")


class TestSubscriptions:
    async def test_the_secret_is_shown_once_and_stored_encrypted(
        self, app: FastAPI, client: httpx.AsyncClient
    ) -> None:
        created = await subscribe(client, "https://hooks.example.com/okr", description="BI")

        shown = (await client.get(f"/v1/webhooks/{created['id']}")).json()
        listed = (await client.get("/v1/webhooks")).json()["items"]
        events = (await client.get("/v1/events", params={"entity": "webhook"})).json()["items"]
        async with app.state.session_factory() as session:
            stored = (await session.execute(text("SELECT * FROM webhooks"))).mappings().one()

        secret = created["secret"]
        assert secret.startswith("whsec_")
        assert "secret" not in shown and all("secret" not in w for w in listed)
        assert [e["type"] for e in events] == ["webhook.created"]
        assert secret not in str(events) and secret not in str(dict(stored))
        assert secret[6:] not in str(dict(stored))
        assert shown["event_types"] == ["*"] and shown["active"] is True

    async def test_bad_subscriptions_name_every_rule(
        self, app: FastAPI, client: httpx.AsyncClient
    ) -> None:
        app.state.settings = app.state.settings.model_copy(update={"webhook_allow_http": False})

        plain_http = await client.post(
            "/v1/webhooks",
            json={"url": "http://hooks.example.com/x", "event_types": ["objective.*"]},
        )
        malformed = await client.post(
            "/v1/webhooks",
            json={"url": "https://u:p@hooks.example.com/x", "event_types": ["objective.*", "a b"]},
        )
        listed = (await client.get("/v1/webhooks")).json()["items"]

        problem = assert_problem(plain_http, 422, "webhook.invalid_url")
        assert "https" in str(problem["detail"])
        errors: Any = assert_problem(malformed, 422, "request.invalid")["errors"]
        assert sorted(e["field"] for e in errors) == ["event_types.1", "url"]
        assert listed == []

    async def test_unknown_subscription_is_404(self, client: httpx.AsyncClient) -> None:
        for response in (
            await client.get("/v1/webhooks/nope"),
            await client.post("/v1/webhooks/nope/pause"),
            await client.get("/v1/webhooks/nope/deliveries"),
        ):
            assert_problem(response, 404, "webhook.not_found")

    async def test_members_are_refused(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()

        response = await member.client.get("/v1/webhooks")

        assert response.status_code == 403


class TestDelivery:
    async def test_each_event_once_in_order_signed(
        self, client: httpx.AsyncClient, make_actor: MakeActor, deliverer: Deliverer
    ) -> None:
        owner = await make_actor()
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url)
            cycle = await make_cycle(client, state="active")
            objective = await make_objective(client, cycle["id"], owner.id)
            kr = await add_kr(client, objective["id"])
            for action in ("submit", "approve"):
                await post_ok(client, f"/v1/objectives/{objective['id']}/{action}", None, 200)
            for value in (1, 2, 3):
                response = await client.post(
                    f"/v1/key-results/{kr['id']}/check-ins", json={"value": value}
                )
                assert response.status_code == 201, response.text
            await people(client, 3)
            await drain(deliverer)
            got = receiver.snapshot()

        expected = await feed_after(client, hook["cursor"])
        payloads = [verified(hook["secret"], r) for r in got]
        assert [p["data"]["cursor"] for p in payloads] == [e["cursor"] for e in expected]
        assert [p["type"] for p in payloads] == [e["type"] for e in expected]
        assert "check_in.created" in [p["type"] for p in payloads]
        assert payloads[0]["data"]["entity_id"] == cycle["id"]
        assert len({r.msg_id for r in got}) == len(got)

    async def test_event_types_filter_what_is_sent(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver() as receiver:
            await subscribe(client, receiver.url, event_types=["cycle.*"])
            await people(client, 2)
            cycle = await make_cycle(client, state="active")
            await drain(deliverer)
            got = receiver.snapshot()

        assert [r.payload["type"] for r in got] == ["cycle.created", "cycle.activated"]
        assert {r.payload["data"]["entity_id"] for r in got} == {cycle["id"]}

    async def test_retries_with_growing_gaps_then_success(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        job = Deliverer(
            app.state.session_factory, app.state.webhook_box, config(schedule=(0.1, 0.25, 0.6))
        )

        def answer(request: Received) -> tuple[int, dict[str, str]]:
            return (500, {}) if request.number <= 3 else (204, {})

        try:
            with Receiver(answer) as receiver:
                hook = await subscribe(client, receiver.url)
                await people(client, 2)
                await drain(job, rounds=400, pause=0.02)
                got = receiver.snapshot()
        finally:
            await job.aclose()

        first_id = got[0].msg_id
        assert [r.msg_id for r in got[:4]] == [first_id] * 4  # the same webhook-id every time
        gaps = [later.at - earlier.at for earlier, later in zip(got[:3], got[1:4], strict=True)]
        assert gaps[0] >= 0.1 and gaps[1] >= 0.25 and gaps[2] >= 0.6
        assert gaps[0] < gaps[1] < gaps[2]
        assert len(got) == 5  # then the second event, once
        deliveries = (await client.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()["items"]
        assert [d["state"] for d in deliveries] == ["succeeded", "succeeded"]
        detail = (
            await client.get(f"/v1/webhooks/{hook['id']}/deliveries/{deliveries[0]['id']}")
        ).json()
        assert [a["status_code"] for a in detail["attempt_log"]] == [500, 500, 500, 204]
        assert detail["attempts"] == 4 and detail["payload"]["type"] == "person.created"

    async def test_exhausted_schedule_fails_the_delivery_and_repeated_failures_disable(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        job = Deliverer(
            app.state.session_factory,
            app.state.webhook_box,
            config(schedule=(0.02,), disable_after=2),
        )
        try:
            with Receiver(lambda _: (503, {})) as receiver:
                hook = await subscribe(client, receiver.url)
                await people(client, 3)
                await drain(job)
                got = receiver.snapshot()
        finally:
            await job.aclose()

        shown = (await client.get(f"/v1/webhooks/{hook['id']}")).json()
        deliveries = (await client.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()["items"]
        assert len(got) == 4  # two deliveries, two attempts each
        assert [d["state"] for d in deliveries] == ["failed", "failed", "pending"]
        assert shown["active"] is False and shown["disabled_reason"] == "failing"

    async def test_410_disables_the_subscription(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver(lambda _: (410, {})) as receiver:
            hook = await subscribe(client, receiver.url)
            await people(client, 3)
            await drain(deliverer)
            got = receiver.snapshot()

        shown = (await client.get(f"/v1/webhooks/{hook['id']}")).json()
        assert len(got) == 1
        assert shown["active"] is False and shown["disabled_reason"] == "gone"

    async def test_retry_after_is_honoured(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        job = Deliverer(
            app.state.session_factory, app.state.webhook_box, config(schedule=(0.01, 2.0))
        )

        def answer(request: Received) -> tuple[int, dict[str, str]]:
            return (429, {"Retry-After": "1"}) if request.number == 1 else (200, {})

        try:
            with Receiver(answer) as receiver:
                await subscribe(client, receiver.url)
                await people(client, 1)
                await drain(job, rounds=300, pause=0.02)
                got = receiver.snapshot()
        finally:
            await job.aclose()

        assert len(got) == 2 and got[1].at - got[0].at >= 1.0

    async def test_redirects_are_failures_and_not_followed(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver(lambda _: (302, {"Location": "http://127.0.0.1:9/elsewhere"})) as receiver:
            hook = await subscribe(client, receiver.url)
            await people(client, 1)
            await deliverer.run_once()
            await deliverer.run_once()
            got = receiver.snapshot()

        deliveries = (await client.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()["items"]
        assert [r.path for r in got] == ["/hook"]
        assert deliveries[0]["last_status_code"] == 302
        assert "redirect" in deliveries[0]["last_error"]

    async def test_loopback_is_refused_unless_allowed(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        job = Deliverer(app.state.session_factory, app.state.webhook_box, config(allowed=()))
        try:
            with Receiver() as receiver:
                hook = await subscribe(client, receiver.url)
                await people(client, 1)
                await job.run_once()
                got = receiver.snapshot()
        finally:
            await job.aclose()

        deliveries = (await client.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()["items"]
        assert got == []
        assert "address not allowed: 127.0.0.1" in deliveries[0]["last_error"]

    async def test_replay_from_a_cursor_resends_exactly_the_later_events(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url)
            await people(client, 5)
            await drain(deliverer)
            first = receiver.snapshot()
            after = first[1].payload["data"]["cursor"]
            replayed = await client.post(f"/v1/webhooks/{hook['id']}/replay", json={"after": after})
            await drain(deliverer)
            again = receiver.snapshot()[len(first) :]

        assert replayed.json() == {"replayed": 3}
        assert [r.msg_id for r in again] == [r.msg_id for r in first[2:]]
        assert [r.body for r in again] == [r.body for r in first[2:]]
        for request in again:
            verified(hook["secret"], request)

    async def test_replay_of_one_delivery(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url)
            await people(client, 2)
            await drain(deliverer)
            deliveries = (await client.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()
            one = deliveries["items"][0]["id"]
            response = await client.post(f"/v1/webhooks/{hook['id']}/deliveries/{one}/replay")
            await drain(deliverer)
            got = receiver.snapshot()

        assert response.status_code == 200, response.text
        assert [r.msg_id for r in got] == [got[0].msg_id, got[1].msg_id, one]

    async def test_rotation_signs_with_both_secrets_during_the_grace_period(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url, event_types=["person.created"])
            rotated = (
                await client.post(
                    f"/v1/webhooks/{hook['id']}/rotate-secret", json={"grace_seconds": 3600}
                )
            ).json()
            await people(client, 1)
            await drain(deliverer)
            ended = await client.post(
                f"/v1/webhooks/{hook['id']}/rotate-secret", json={"grace_seconds": 0}
            )
            await people(client, 1, tag="q")
            await drain(deliverer)
            got = receiver.snapshot()

        during, after = got
        verified(hook["secret"], during)
        verified(rotated["secret"], during)
        assert len(during.headers["webhook-signature"].split(" ")) == 2
        verified(ended.json()["secret"], after)
        assert len(after.headers["webhook-signature"].split(" ")) == 1
        with pytest.raises(Exception, match="signature"):
            verified(rotated["secret"], after)

    async def test_paused_sends_nothing_and_resume_continues(
        self, client: httpx.AsyncClient, deliverer: Deliverer
    ) -> None:
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url)
            paused = (await client.post(f"/v1/webhooks/{hook['id']}/pause")).json()
            await people(client, 2)
            await drain(deliverer)
            while_paused = receiver.snapshot()
            await client.post(f"/v1/webhooks/{hook['id']}/resume")
            await drain(deliverer)
            got = receiver.snapshot()

        expected = await feed_after(client, hook["cursor"])
        assert paused["active"] is False and paused["disabled_reason"] == "paused"
        assert while_paused == []
        assert [r.payload["type"] for r in got] == [e["type"] for e in expected]
        assert [r.payload["type"] for r in got] == [
            "webhook.paused",
            "person.created",
            "person.created",
            "webhook.resumed",
        ]

    async def test_ping(self, client: httpx.AsyncClient, app: FastAPI) -> None:
        app.state.settings = app.state.settings.model_copy(
            update={"webhook_allow_http": True, "webhook_allowed_networks": ["127.0.0.0/8"]}
        )
        with Receiver() as receiver:
            hook = await subscribe(client, receiver.url)
            answer = (await client.post(f"/v1/webhooks/{hook['id']}/ping")).json()
            got = receiver.snapshot()

        assert answer["succeeded"] is True and answer["status_code"] == 200
        assert verified(hook["secret"], got[0])["type"] == "webhook.ping"


class TestSharedWork:
    async def test_two_workers_never_send_an_event_twice(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        jobs = [Deliverer(app.state.session_factory, app.state.webhook_box, config()) for _ in "ab"]
        try:
            with Receiver(delay=0.005) as receiver:
                hooks = [await subscribe(client, receiver.url) for _ in range(3)]
                await people(client, 6)
                for _ in range(100):
                    done = await asyncio.gather(*(job.run_once() for job in jobs))
                    if not any(done) and not await _pending(jobs[0]):
                        break
                got = receiver.snapshot()
        finally:
            for job in jobs:
                await job.aclose()

        ids = [r.msg_id for r in got]
        assert len(ids) == len(set(ids))  # no delivery sent twice
        for hook in hooks:
            expected = await feed_after(client, hook["cursor"])
            mine = [verified(hook["secret"], r) for r in got if _signed_by(hook["secret"], r)]
            assert [p["data"]["cursor"] for p in mine] == [e["cursor"] for e in expected]


def _signed_by(secret: str, request: Received) -> bool:
    try:
        verified(secret, request)
    except Exception:
        return False
    return True


async def test_a_host_the_idna_codec_cannot_encode_is_refused_not_a_server_error() -> None:
    """An empty label (`a..b`, a schema-valid URL) makes the resolver raise UnicodeError."""
    from api.services.webhook_delivery import Outbound

    outbound = Outbound(config())
    try:
        why = await outbound.refusal("http://a..b/hook")
    finally:
        await outbound.aclose()

    assert why is not None and why.startswith("cannot resolve a..b"), why


async def test_a_stored_url_whose_port_is_out_of_range_is_refused_not_a_server_error() -> None:
    """``urlsplit`` raises on reading a port above 65535 (the fuzzer's ping of such a URL was a
    500 before the schema refused it; a URL stored earlier still reaches the delivery)."""
    from api.services.webhook_delivery import Outbound

    outbound = Outbound(config())
    try:
        why = await outbound.refusal("http://hooks.example.com:99999/hook")
    finally:
        await outbound.aclose()

    assert why == "the URL's port is not a port", why


@pytest.mark.parametrize("port", ["0", "65536", "99999", "080"])
async def test_a_url_whose_port_is_not_a_port_is_refused_at_subscription(
    client: httpx.AsyncClient, port: str
) -> None:
    response = await client.post(
        "/v1/webhooks", json={"url": f"https://hooks.example.com:{port}/x", "event_types": ["*"]}
    )

    errors: Any = assert_problem(response, 422, "request.invalid")["errors"]
    assert [e["field"] for e in errors] == ["url"], errors


@pytest.mark.parametrize("port", ["1", "443", "8080", "65535"])
async def test_a_url_with_a_port_is_accepted(client: httpx.AsyncClient, port: str) -> None:
    response = await client.post(
        "/v1/webhooks", json={"url": f"https://hooks.example.com:{port}/x", "event_types": ["*"]}
    )

    assert response.status_code == 201, response.text
