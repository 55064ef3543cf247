"""Sending metric rows in batches, retrying transient failures, with stable idempotency keys."""

from __future__ import annotations

import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

import httpx

from okr_push.reader import MetricRow

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
MAX_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Reply:
    """What the service answered to one batch."""

    status: int
    headers: dict[str, str]
    body: object


class Sender(Protocol):
    """Sends one batch with an idempotency key; raises httpx.TransportError when unreachable."""

    def __call__(self, body: dict[str, object], idempotency_key: str) -> Reply: ...


class PushError(RuntimeError):
    """A batch failed for good (retries exhausted or a non-transient error)."""


@dataclass(slots=True)
class Refusal:
    """One refused row and why; ``line`` is its line in the file (0 when unknown)."""

    metric_key: str
    external_id: str
    code: str
    message: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Retry:
    """A failed attempt that will be tried again: why, and what happens next."""

    reason: str
    attempt: int
    max_attempts: int
    delay: float
    """Seconds until the next attempt."""
    remaining: float
    """Seconds of waiting at most before the push gives up (every retry failing)."""
    unreachable: bool
    """The service could not be reached at all (rather than answering 429 or 50x)."""


@dataclass(slots=True)
class PushSummary:
    """Totals of a push."""

    created: int = 0
    duplicate: int = 0
    refused: list[Refusal] = field(default_factory=list)
    retries: int = 0

    @property
    def sent(self) -> int:
        """Rows the service answered for."""
        return self.created + self.duplicate + len(self.refused)


def _batches(rows: Iterable[MetricRow], size: int) -> Iterator[list[MetricRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def batch_key(run_id: str, body: dict[str, object]) -> str:
    """Idempotency-Key of a batch: the run's id and a digest of the body, the same on every retry.

    A new run gets new keys, so its answer says `duplicate` for rows stored before (the rows'
    `(source, external_id)` make them idempotent) instead of replaying an earlier run's answer.
    """
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return f"okr-push-{run_id}-" + hashlib.sha256(canonical.encode()).hexdigest()[:32]


def _retry_after(reply: Reply, fallback: float) -> float:
    raw = reply.headers.get("retry-after") or reply.headers.get("Retry-After")
    if raw is None:
        return fallback
    try:
        return max(0.0, float(raw))
    except ValueError:
        return fallback


def _ceiling(attempt: int, *, base_delay: float, max_delay: float) -> float:
    return min(max_delay, base_delay * 2.0 ** (attempt - 1))


def _send_with_retries(
    send: Sender,
    body: dict[str, object],
    *,
    max_attempts: int,
    base_delay: float,
    max_delay: float,
    sleep: Callable[[float], None],
    summary: PushSummary,
    run_id: str,
    on_retry: Callable[[Retry], None] | None,
) -> Reply:
    key = batch_key(run_id, body)

    def retry(reason: str, attempt: int, delay: float, *, unreachable: bool) -> None:
        summary.retries += 1
        if on_retry is not None:
            later = sum(
                _ceiling(n, base_delay=base_delay, max_delay=max_delay)
                for n in range(attempt + 1, max_attempts)
            )
            on_retry(Retry(reason, attempt, max_attempts, delay, delay + later, unreachable))
        sleep(delay)

    for attempt in range(1, max_attempts + 1):
        ceiling = _ceiling(attempt, base_delay=base_delay, max_delay=max_delay)
        backoff = ceiling * (0.5 + random.random() / 2)
        try:
            reply = send(body, key)
        except httpx.TransportError as exc:
            if attempt == max_attempts:
                raise PushError(f"service unreachable after {attempt} attempts: {exc}") from exc
            retry(f"{type(exc).__name__}: {exc}", attempt, backoff, unreachable=True)
            continue
        if reply.status in TRANSIENT_STATUSES and attempt < max_attempts:
            delay = _retry_after(reply, backoff) if reply.status == 429 else backoff
            retry(f"status {reply.status}", attempt, delay, unreachable=False)
            continue
        if reply.status >= 400:
            raise PushError(f"batch refused with status {reply.status}: {reply.body}")
        return reply
    raise PushError("retries exhausted")  # pragma: no cover - the loop always returns or raises


def _tally(batch: list[MetricRow], reply: Reply, summary: PushSummary) -> None:
    body = reply.body
    results = body.get("items") if isinstance(body, dict) else None
    if not isinstance(results, list) or len(results) != len(batch):
        raise PushError(f"unexpected batch answer: {body!r}")
    for row, result in zip(batch, results, strict=True):
        outcome = result.get("outcome") if isinstance(result, dict) else None
        if outcome == "created":
            summary.created += 1
        elif outcome == "duplicate":
            summary.duplicate += 1
        else:
            error = result.get("error") if isinstance(result, dict) else None
            error = error if isinstance(error, dict) else {}
            summary.refused.append(
                Refusal(
                    metric_key=row.metric_key,
                    external_id=row.external_id,
                    code=str(error.get("code", "unknown")),
                    message=str(error.get("message", "refused")),
                    line=row.line,
                )
            )


def push_metrics(
    rows: Iterable[MetricRow],
    *,
    send: Sender,
    source: str = "okr-push",
    batch_size: int = MAX_BATCH,
    max_attempts: int = 8,
    base_delay: float = 0.5,
    max_delay: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    on_progress: Callable[[int], None] | None = None,
    on_retry: Callable[[Retry], None] | None = None,
    summary: PushSummary | None = None,
) -> PushSummary:
    """Send every row in batches; transient failures are retried with back-off and the same keys.

    ``summary`` (a new one by default) is filled as batches are answered, so a caller that
    passes its own still knows what was stored when a ``PushError`` ends the push.
    ``on_retry`` hears of every failed attempt that will be tried again, before the wait."""
    if not 1 <= batch_size <= MAX_BATCH:
        raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}")
    summary = PushSummary() if summary is None else summary
    run_id = uuid.uuid4().hex[:12]
    for batch in _batches(rows, batch_size):
        body: dict[str, object] = {"items": [row.as_item(source=source) for row in batch]}
        reply = _send_with_retries(
            send,
            body,
            max_attempts=max_attempts,
            base_delay=base_delay,
            max_delay=max_delay,
            sleep=sleep,
            summary=summary,
            run_id=run_id,
            on_retry=on_retry,
        )
        _tally(batch, reply, summary)
        if on_progress is not None:
            on_progress(len(batch))
    return summary
