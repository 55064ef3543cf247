"""okr-push without a server: reading rows, stable ids, batching, retries and the summary."""

from __future__ import annotations

import io
from decimal import Decimal

import httpx
import pytest
from okr_push.push import PushError, Reply, push_metrics
from okr_push.reader import RowError, derive_external_id, read_rows


class ScriptedSender:
    """Answers batches from a script of replies or exceptions, recording each call."""

    def __init__(self, script: list[object]) -> None:
        self.script = script
        self.calls: list[tuple[dict[str, object], str]] = []

    def __call__(self, body: dict[str, object], idempotency_key: str) -> Reply:
        self.calls.append((body, idempotency_key))
        step = self.script.pop(0) if self.script else "ok"
        if isinstance(step, Exception):
            raise step
        if isinstance(step, Reply):
            return step
        items = body["items"]
        assert isinstance(items, list)
        return Reply(200, {}, {"items": [{"outcome": "created"} for _ in items]})


def test_csv_rows_get_a_stable_external_id_when_none_is_given() -> None:
    text = "metric_key,value,observed_at\nsales.new,12.5,2026-11-01T00:00:00Z\n"

    first = list(read_rows(io.StringIO(text), fmt="csv"))
    second = list(read_rows(io.StringIO(text), fmt="csv"))

    assert first == second
    assert first[0].value == Decimal("12.5")
    assert first[0].external_id == derive_external_id(
        "sales.new", Decimal("12.5"), "2026-11-01T00:00:00Z"
    )


def test_given_external_id_is_kept_and_ndjson_is_read() -> None:
    text = (
        '{"metric_key": "m", "value": 3, "observed_at": "2026-11-01T00:00:00Z",'
        ' "external_id": "x1"}\n\n'
    )

    rows = list(read_rows(io.StringIO(text), fmt="ndjson"))

    assert [(r.metric_key, r.value, r.external_id) for r in rows] == [("m", Decimal(3), "x1")]


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("metric_key,value\nm,1\n", "csv", "header lacks observed_at"),
        ("metric_key,value,observed_at\nm,abc,2026-11-01\n", "csv", "not a number"),
        ("metric_key,value,observed_at\nm,NaN,2026-11-01\n", "csv", "finite"),
        ('{"metric_key": "m", "value": true, "observed_at": "x"}\n', "ndjson", "must be a number"),
        ("[1]\n", "ndjson", "JSON object"),
    ],
)
def test_bad_rows_are_refused_with_their_line(text: str, fmt: str, message: str) -> None:
    with pytest.raises(RowError, match=message):
        list(read_rows(io.StringIO(text), fmt=fmt))


def _rows(count: int) -> list[object]:
    lines = "".join(f"m,{i},2026-11-01T00:00:{i % 60:02d}Z\n" for i in range(count))
    return list(read_rows(io.StringIO("metric_key,value,observed_at\n" + lines), fmt="csv"))


def test_rows_are_sent_in_batches_of_the_given_size() -> None:
    sender = ScriptedSender([])

    summary = push_metrics(_rows(25), send=sender, batch_size=10, sleep=lambda _: None)  # type: ignore[arg-type]

    assert [len(call[0]["items"]) for call in sender.calls] == [10, 10, 5]  # type: ignore[arg-type]
    assert summary.created == 25
    assert len({call[1] for call in sender.calls}) == 3


def test_transient_failures_are_retried_with_the_same_key_and_retry_after_is_honoured() -> None:
    sleeps: list[float] = []
    sender = ScriptedSender(
        [
            httpx.ConnectError("refused"),
            Reply(503, {}, {"code": "service.unavailable"}),
            Reply(429, {"retry-after": "7"}, {"code": "rate_limited"}),
            "ok",
        ]
    )

    summary = push_metrics(_rows(3), send=sender, sleep=sleeps.append)  # type: ignore[arg-type]

    assert summary.created == 3
    assert summary.retries == 3
    assert len({key for _, key in sender.calls}) == 1
    assert sleeps[2] == 7.0


def test_a_non_transient_error_stops_the_push() -> None:
    sender = ScriptedSender([Reply(401, {}, {"code": "auth.unauthenticated"})])

    with pytest.raises(PushError, match="401"):
        push_metrics(_rows(2), send=sender, sleep=lambda _: None)  # type: ignore[arg-type]


def test_outcomes_are_tallied_with_refusal_reasons() -> None:
    answer = {
        "items": [
            {"outcome": "created"},
            {"outcome": "duplicate"},
            {
                "outcome": "refused",
                "error": {"code": "key_result.unknown_metric", "message": "no KR"},
            },
        ]
    }
    sender = ScriptedSender([Reply(200, {}, answer)])

    summary = push_metrics(_rows(3), send=sender, sleep=lambda _: None)  # type: ignore[arg-type]

    assert (summary.created, summary.duplicate) == (1, 1)
    assert [(r.code, r.message) for r in summary.refused] == [
        ("key_result.unknown_metric", "no KR")
    ]
