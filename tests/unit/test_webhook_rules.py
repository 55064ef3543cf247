"""The webhook rules of the domain: signatures, outcomes, the retry schedule, the address guard."""

from __future__ import annotations

from datetime import UTC, datetime

from standardwebhooks import Webhook

from domain.webhooks import (
    Outcome,
    address_allowed,
    matches,
    new_secret,
    next_retry_delay,
    outcome,
    parse_networks,
    retry_after_seconds,
    should_disable,
    signature_header,
    subscription_violations,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_a_signature_verifies_with_the_standard_webhooks_library() -> None:
    secret = new_secret()
    body = b'{"type":"cycle.created","timestamp":"2026-12-01T12:00:00+00:00","data":{}}'
    stamp = int(datetime.now(UTC).timestamp())

    header = signature_header([secret], "msg_1", stamp, body)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(stamp), "webhook-signature": header}

    assert Webhook(secret).verify(body, headers)["type"] == "cycle.created"
    assert header.startswith("v1,")


def test_two_secrets_give_two_signatures() -> None:
    header = signature_header([new_secret(), new_secret()], "msg_1", 1, b"{}")

    assert len(header.split(" ")) == 2


def test_outcomes() -> None:
    assert [outcome(s) for s in (200, 204, 299, 410, 301, 404, 500, None)] == [
        Outcome.SUCCEEDED,
        Outcome.SUCCEEDED,
        Outcome.SUCCEEDED,
        Outcome.GONE,
        Outcome.FAILED,
        Outcome.FAILED,
        Outcome.FAILED,
        Outcome.FAILED,
    ]


def test_the_gaps_grow_along_the_schedule_and_end() -> None:
    schedule = (5.0, 300.0, 1800.0)

    gaps = [next_retry_delay(n, schedule, random=lambda: 0.5) for n in (1, 2, 3, 4)]

    assert gaps == [5.25, 315.0, 1890.0, None]


def test_retry_after_lengthens_a_gap_up_to_the_longest() -> None:
    schedule = (5.0, 60.0)

    assert next_retry_delay(1, schedule, retry_after=30, random=lambda: 0) == 30
    assert next_retry_delay(1, schedule, retry_after=9999, random=lambda: 0) == 60
    assert next_retry_delay(1, schedule, retry_after=1, random=lambda: 0) == 5


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds("Tue, 01 Dec 2026 12:01:00 GMT", NOW) == 60
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def test_repeated_failures_disable() -> None:
    assert [should_disable(n, 3) for n in (1, 2, 3)] == [False, False, True]
    assert should_disable(100, 0) is False


def test_event_type_patterns() -> None:
    assert matches(["*"], "anything.at_all")
    assert matches(["objective.*"], "objective.approved")
    assert not matches(["objective.*"], "objectives.approved")
    assert matches(["cycle.activated"], "cycle.activated")
    assert not matches(["cycle.activated"], "cycle.created")


def test_private_addresses_are_refused_unless_allowed() -> None:
    allowed = parse_networks(["127.0.0.0/8"])

    refused = ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1",
               "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1"]  # fmt: skip

    assert not any(address_allowed(a, ()) for a in refused)
    assert address_allowed("93.184.215.14", ())
    assert address_allowed("127.0.0.1", allowed) and not address_allowed("10.1.2.3", allowed)


def test_subscription_rules_name_every_problem() -> None:
    problems = subscription_violations(
        "ftp://user:pw@x", ["ok.type", "bad type", "*"], allow_http=False
    )
    with_creds = subscription_violations("https://u:p@example.com/", ["*"], allow_http=False)

    assert [p.code for p in problems] == ["webhook.invalid_url", "webhook.invalid_event_type"]
    assert [p.code for p in with_creds] == ["webhook.invalid_url"]
    assert subscription_violations("http://example.com/", ["*"], allow_http=True) == []
