"""okr-push without a server: reading rows, stable ids, batching, retries and the summary."""

from __future__ import annotations

import io
from decimal import Decimal

import httpx
import pytest
from okr_push.push import PushError, Reply, Retry, push_metrics
from okr_push.reader import FileError, derive_external_id, read_rows


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

    first = read_rows(io.StringIO(text), fmt="csv").rows
    second = read_rows(io.StringIO(text), fmt="csv").rows

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

    rows = read_rows(io.StringIO(text), fmt="ndjson").rows

    assert [(r.metric_key, r.value, r.external_id) for r in rows] == [("m", Decimal(3), "x1")]


@pytest.mark.parametrize(
    ("text", "fmt", "line", "message"),
    [
        ("metric_key,value,observed_at\nm,abc,2026-11-01\n", "csv", 2, "'abc' is not a number"),
        ("metric_key,value,observed_at\nm,NaN,2026-11-01\n", "csv", 2, "not a finite number"),
        ("metric_key,value,observed_at\n,1,\n", "csv", 2, "missing metric_key, observed_at"),
        ("metric_key,value,observed_at\nm,1,x,9\n", "csv", 2, "1 more values than the header"),
        ('{"metric_key": "m", "value": true, "observed_at": "x"}\n', "ndjson", 1, "a number"),
        ("[1]\n", "ndjson", 1, "JSON object"),
        ('\n{"metric_key": 1}\n', "ndjson", 2, "missing value, observed_at; metric_key must"),
        ("{oops\n", "ndjson", 1, "invalid JSON"),
    ],
)
def test_a_bad_row_is_refused_alone_with_its_line(
    text: str, fmt: str, line: int, message: str
) -> None:
    good = (
        "m,5,2026-11-02T00:00:00Z\n"
        if fmt == "csv"
        else '{"metric_key": "m", "value": 5, "observed_at": "2026-11-02T00:00:00Z"}\n'
    )

    reading = read_rows(io.StringIO(text + good), fmt=fmt)

    assert [(e.line, message in e.message) for e in reading.errors] == [(line, True)], (
        reading.errors
    )
    assert [(r.value, r.line) for r in reading.rows] == [(Decimal(5), text.count("\n") + 1)]


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("metric_key,value\nm,1\n", "csv", "line 1: header lacks observed_at"),
        ("", "csv", "line 1: the file is empty"),
        (
            "metric_key,value,observed_at,externalid,Note\nm,1,x,a,b\n",
            "csv",
            "line 1: unknown columns 'externalid', 'Note'",
        ),
        (
            '{"metric_key": "m", "value": 1, "observed_at": "x"}\n'
            '{"metric_key": "m", "value": 1, "observed_at": "x", "extId": "a"}\n',
            "ndjson",
            "unknown fields 'extId' (line 2)",
        ),
    ],
)
def test_a_file_with_unknown_or_missing_columns_is_refused_naming_them(
    text: str, fmt: str, message: str
) -> None:
    with pytest.raises(FileError) as raised:
        read_rows(io.StringIO(text), fmt=fmt)

    assert str(raised.value).startswith(message), str(raised.value)


def _rows(count: int) -> list[object]:
    lines = "".join(f"m,{i},2026-11-01T00:00:{i % 60:02d}Z\n" for i in range(count))
    return list(read_rows(io.StringIO("metric_key,value,observed_at\n" + lines), fmt="csv").rows)


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


def test_every_retry_is_told_before_the_wait_with_what_happens_next() -> None:
    told: list[Retry] = []
    sleeps: list[float] = []
    sender = ScriptedSender([httpx.ConnectError("refused"), Reply(503, {}, {}), "ok"])

    summary = push_metrics(
        _rows(2),  # type: ignore[arg-type]
        send=sender,
        sleep=lambda s: sleeps.append(s) or None,  # type: ignore[func-returns-value]
        on_retry=lambda r: told.append(r) or None,  # type: ignore[func-returns-value]
        max_attempts=4,
        base_delay=1.0,
        max_delay=30.0,
    )

    assert summary.created == 2
    assert [(r.attempt, r.unreachable, r.reason) for r in told] == [
        (1, True, "ConnectError: refused"),
        (2, False, "status 503"),
    ]
    assert [r.delay for r in told] == sleeps
    # attempts 2 and 3 wait 2 s, then 4 s (a sum of floats: compared within rounding)
    assert told[0].remaining == pytest.approx(told[0].delay + 2.0 + 4.0)
    assert len(sender.calls) == 3  # told before sleeping, so before the next attempt


def test_refusals_by_the_service_name_the_file_line() -> None:
    answer = {
        "items": [
            {"outcome": "created"},
            {"outcome": "refused", "error": {"code": "key_result.unknown_metric", "message": "?"}},
        ]
    }
    sender = ScriptedSender([Reply(200, {}, answer)])

    summary = push_metrics(_rows(2), send=sender, sleep=lambda _: None)  # type: ignore[arg-type]

    assert [r.line for r in summary.refused] == [3]  # the header is line 1
