"""Push KR metric values to the OKR service: `push_metrics()` and the `okr-push` command."""

from okr_push.push import PushSummary, push_metrics
from okr_push.reader import MetricRow, read_rows

__all__ = ["MetricRow", "PushSummary", "push_metrics", "read_rows"]
