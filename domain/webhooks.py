"""Webhook rules: Standard Webhooks signatures, the retry schedule, outcomes, and the outbound
address guard.

A delivery is signed as the Standard Webhooks specification says::

    webhook-id          the delivery's id (the same for every attempt and every replay)
    webhook-timestamp   seconds since 1970 (UTC) of this attempt
    webhook-signature   ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``, space-separated,
                        one per secret in use (two during a rotation's grace period)

The secret is ``whsec_`` followed by the base64 of 24 random bytes; the HMAC key is those bytes.

An answer in 200-299 is a success; 410 Gone disables the subscription; anything else (another
status, a redirect, a timeout, a refused address) is a failure, retried after the next gap of the
schedule (with jitter, and no sooner than a ``Retry-After`` asks, within the schedule's longest
gap) until the schedule is exhausted: then the delivery has failed.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from domain.errors import Violation

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24

DEFAULT_RETRY_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)
"""Seconds before each retry after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
(eight attempts in about 27 hours, as the Standard Webhooks guidance suggests)."""

JITTER = 0.1
"""Each gap is stretched by a random fraction of up to 10 %."""

WILDCARD = "*"

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def new_secret() -> str:
    """A fresh signing secret, ``whsec_...``."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """One signature, ``v1,<base64>``, of a delivery's id, timestamp and body."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(
    secrets_in_use: Sequence[str], msg_id: str, timestamp: int, body: bytes
) -> str:
    """The ``webhook-signature`` value: one signature per secret, separated by spaces."""
    return " ".join(sign(secret, msg_id, timestamp, body) for secret in secrets_in_use)


class Outcome(enum.StrEnum):
    """What an attempt's answer means."""

    SUCCEEDED = "succeeded"
    GONE = "gone"
    """410: the receiver asks never to be called again."""
    FAILED = "failed"


def outcome(status_code: int | None) -> Outcome:
    """2xx succeeded, 410 gone; any other status (redirects included) or none failed."""
    if status_code is not None and 200 <= status_code < 300:
        return Outcome.SUCCEEDED
    if status_code == 410:
        return Outcome.GONE
    return Outcome.FAILED


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A ``Retry-After`` header's delay in seconds (delta-seconds or an HTTP date), if valid."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - now).total_seconds(), 0.0)


def next_retry_delay(
    failed_attempts: int,
    schedule: Sequence[float],
    *,
    retry_after: float | None = None,
    random: Callable[[], float],
) -> float | None:
    """Seconds until the next attempt after ``failed_attempts`` failures in a row, or None when
    the schedule is exhausted. The gap grows along the schedule, stretched by up to ``JITTER``;
    a ``Retry-After`` lengthens it, but never beyond the schedule's longest gap."""
    if failed_attempts < 1 or failed_attempts > len(schedule):
        return None
    gap = schedule[failed_attempts - 1] * (1 + JITTER * random())
    if retry_after is not None:
        gap = max(gap, min(retry_after, max(schedule)))
    return gap


def should_disable(consecutive_failures: int, limit: int) -> bool:
    """Whether a subscription whose last ``consecutive_failures`` deliveries all failed (after
    their whole schedule) is disabled; ``limit`` 0 never disables."""
    return limit > 0 and consecutive_failures >= limit


def matches(event_types: Collection[str], event_type: str) -> bool:
    """Whether a subscription to ``event_types`` receives ``event_type``: the exact type, a
    prefix pattern such as ``objective.*``, or ``*`` for everything."""
    if WILDCARD in event_types or event_type in event_types:
        return True
    return any(
        pattern.endswith(".*") and event_type.startswith(pattern[:-1]) for pattern in event_types
    )


def _pattern_ok(pattern: str) -> bool:
    body = pattern[:-2] if pattern.endswith(".*") else pattern
    return pattern == WILDCARD or (
        bool(body) and all(part and part.replace("_", "a").isalnum() for part in body.split("."))
    )


def subscription_violations(
    url: str, event_types: Collection[str], *, allow_http: bool
) -> list[Violation]:
    """Every rule a subscription's URL and event types break: an absolute ``https`` URL (``http``
    only when allowed) with a host and no credentials, and event types that are type names,
    ``prefix.*`` patterns or ``*``."""
    problems: list[Violation] = []
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    schemes = ("https", "http") if allow_http else ("https",)
    if parts is None or parts.scheme not in schemes or not host:
        problems.append(
            Violation(
                code="webhook.invalid_url",
                message="the URL must be an absolute "
                + (" or ".join(schemes))
                + " URL with a host",
                field="url",
            )
        )
    elif parts.username is not None or parts.password is not None:
        problems.append(
            Violation(
                code="webhook.invalid_url",
                message="the URL must not carry credentials",
                field="url",
            )
        )
    for pattern in event_types:
        if not _pattern_ok(pattern):
            problems.append(
                Violation(
                    code="webhook.invalid_event_type",
                    message=f"{pattern!r} is not an event type, a 'prefix.*' pattern or '*'",
                    field="event_types",
                )
            )
    return problems


def parse_networks(values: Sequence[str]) -> tuple[IpNetwork, ...]:
    """CIDR blocks (``127.0.0.0/8``, ``::1/128``) or single addresses; raises ValueError."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def address_allowed(address: str, allowed: Sequence[IpNetwork]) -> bool:
    """Whether a delivery may connect to ``address``: a public address, or one inside an
    allowed network. Private, loopback, link-local, multicast, reserved and unspecified
    addresses (and IPv4 ones mapped into IPv6) are refused otherwise."""
    ip: IpAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return True
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )
