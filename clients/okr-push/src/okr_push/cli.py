"""The `okr-push` command: read CSV or NDJSON rows and push them to the OKR service."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from okr_push.push import PushError, PushSummary, push_metrics
from okr_push.reader import RowError, read_rows
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


def _report(summary: PushSummary, out: TextIO) -> None:
    out.write(
        f"created: {summary.created}  duplicate: {summary.duplicate}  "
        f"refused: {len(summary.refused)}  retries: {summary.retries}\n"
    )
    for refusal in summary.refused[:50]:
        out.write(
            f"  refused {refusal.metric_key} ({refusal.external_id}): "
            f"{refusal.code}: {refusal.message}\n"
        )
    if len(summary.refused) > 50:
        out.write(f"  ... and {len(summary.refused) - 50} more\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command; exit 0 when every row was stored or already there."""
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
    args = parser.parse_args(argv)

    url = os.environ.get("OKR_URL")
    token = os.environ.get("OKR_TOKEN")
    if not url or not token:
        sys.stderr.write("okr-push: set OKR_URL and OKR_TOKEN\n")
        return 2

    fmt = _format_for(args.file, args.format)
    try:
        if args.file == "-":
            rows = list(read_rows(sys.stdin, fmt=fmt))
        else:
            with Path(args.file).open(encoding="utf-8", newline="") as handle:
                rows = list(read_rows(handle, fmt=fmt))
    except (OSError, RowError) as exc:
        sys.stderr.write(f"okr-push: {exc}\n")
        return 2

    progress = Progress(sys.stderr, len(rows))
    with make_sender(url, token) as send:
        try:
            summary = push_metrics(
                rows,
                send=send,
                source=args.source,
                batch_size=args.batch_size,
                max_attempts=args.max_attempts,
                on_progress=progress,
            )
        except PushError as exc:
            progress.close()
            sys.stderr.write(f"okr-push: {exc}\n")
            return 2
    progress.close()
    _report(summary, sys.stdout)
    return 1 if summary.refused else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
