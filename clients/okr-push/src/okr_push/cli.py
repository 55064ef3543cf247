"""The `okr-push` command: read CSV or NDJSON rows and push them to the OKR service."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from okr_push.push import PushError, PushSummary, Retry, push_metrics
from okr_push.reader import FileError, RowError, read_rows
from okr_push.transport import make_sender


class Progress:
    """A one-line progress bar on a terminal; silent elsewhere."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.enabled = stream.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        if self.total:
            width = 30
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
        else:
            self.stream.write(f"\r{self.done} rows sent")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")


def _format_for(path: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    return "ndjson" if path.endswith((".ndjson", ".jsonl")) else "csv"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"
    return f"{seconds / 60:.0f} min"


class RetryNotice:
    """Prints every retry at once: the first failure to reach the service with the whole plan."""

    def __init__(self, url: str, out: TextIO, progress: Progress) -> None:
        self.url = url
        self.out = out
        self.progress = progress
        self.told = False

    def __call__(self, retry: Retry) -> None:
        if self.progress.enabled and self.progress.done:
            self.out.write("\n")
        left = retry.max_attempts - retry.attempt
        if retry.unreachable and not self.told:
            self.told = True
            self.out.write(
                f"okr-push: cannot reach {self.url} ({retry.reason}); retrying in "
                f"{_duration(retry.delay)}, up to {left} more attempts, giving up after about "
                f"{_duration(retry.remaining)} (Ctrl-C stops; a re-run later duplicates nothing)\n"
            )
        else:
            self.out.write(
                f"okr-push: attempt {retry.attempt} of {retry.max_attempts} failed "
                f"({retry.reason}); next in {_duration(retry.delay)}\n"
            )
        self.out.flush()


def _refusal_lines(summary: PushSummary, local: list[RowError]) -> list[tuple[int, str]]:
    lines = [(error.line, f"line {error.line}: {error.message}") for error in local]
    lines += [
        (
            r.line,
            f"line {r.line}: {r.metric_key}: {r.code}: {r.message}"
            if r.line
            else f"{r.metric_key} ({r.external_id}): {r.code}: {r.message}",
        )
        for r in summary.refused
    ]
    return sorted(lines)


def _report(summary: PushSummary, local: list[RowError], out: TextIO) -> None:
    refused = _refusal_lines(summary, local)
    out.write(
        f"created: {summary.created}  duplicate: {summary.duplicate}  "
        f"refused: {len(refused)}  retries: {summary.retries}\n"
    )
    for _line, text in refused[:50]:
        out.write(f"  refused {text}\n")
    if len(refused) > 50:
        out.write(f"  ... and {len(refused) - 50} more\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command: 0 when every row was stored or already there, 1 when some row was
    refused (the others are pushed), 2 when nothing could be done (usage, file, service)."""
    parser = argparse.ArgumentParser(
        prog="okr-push",
        description="Push KR metric values (metric_key,value,observed_at[,external_id]) "
        "to the OKR service. Configured by OKR_URL and OKR_TOKEN.",
    )
    parser.add_argument("file", help="a CSV or NDJSON file, or - for standard input")
    parser.add_argument(
        "--format", choices=["csv", "ndjson"], help="default: by file name, else csv"
    )
    parser.add_argument("--source", default="okr-push", help="the check-ins' source name")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--max-attempts", type=int, default=8)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="read and check every row, send nothing (OKR_URL and OKR_TOKEN not needed)",
    )
    args = parser.parse_args(argv)

    url = os.environ.get("OKR_URL")
    token = os.environ.get("OKR_TOKEN")
    if not args.dry_run and (not url or not token):
        sys.stderr.write("okr-push: set OKR_URL and OKR_TOKEN\n")
        return 2

    fmt = _format_for(args.file, args.format)
    try:
        if args.file == "-":
            reading = read_rows(sys.stdin, fmt=fmt)
        else:
            with Path(args.file).open(encoding="utf-8", newline="") as handle:
                reading = read_rows(handle, fmt=fmt)
    except (OSError, UnicodeDecodeError, FileError) as exc:
        sys.stderr.write(f"okr-push: {args.file}: {exc}\n")
        return 2

    if args.dry_run:
        sys.stdout.write(
            f"dry run: {len(reading.rows)} rows would be sent, {len(reading.errors)} refused "
            "(nothing was sent)\n"
        )
        for error in reading.errors[:50]:
            sys.stdout.write(f"  refused line {error.line}: {error.message}\n")
        if len(reading.errors) > 50:
            sys.stdout.write(f"  ... and {len(reading.errors) - 50} more\n")
        return 1 if reading.errors else 0

    assert url is not None and token is not None
    progress = Progress(sys.stderr, len(reading.rows))
    summary = PushSummary()
    with make_sender(url, token) as send:
        try:
            summary = push_metrics(
                reading.rows,
                send=send,
                source=args.source,
                batch_size=args.batch_size,
                max_attempts=args.max_attempts,
                on_progress=progress,
                on_retry=RetryNotice(url, sys.stderr, progress),
                summary=summary,
            )
        except PushError as exc:
            progress.close()
            sys.stderr.write(f"okr-push: {exc}\n")
            sys.stderr.write(
                f"okr-push: stopped after {summary.sent} of {len(reading.rows)} rows; "
                "run it again to send the rest (rows already stored count as duplicate)\n"
            )
            _report(summary, reading.errors, sys.stdout)
            return 2
    progress.close()
    _report(summary, reading.errors, sys.stdout)
    return 1 if summary.refused or reading.errors else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
