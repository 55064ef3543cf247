"""The batch sender on top of the generated `okr_client` package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from okr_client import AuthenticatedClient
from okr_client.api.check_ins import create_check_in_batch
from okr_client.models import CheckInBatch

from okr_push.push import Reply, Sender


@contextmanager
def make_sender(url: str, token: str, *, timeout: float = 120.0) -> Iterator[Sender]:
    """A sender that posts batches to `POST /v1/check-ins/batch` with the generated client."""
    client = AuthenticatedClient(
        base_url=url.rstrip("/"),
        token=token,
        timeout=httpx.Timeout(timeout),
        raise_on_unexpected_status=False,
        follow_redirects=False,
    )
    with client as open_client:

        def send(body: dict[str, object], idempotency_key: str) -> Reply:
            response = create_check_in_batch.sync_detailed(
                client=open_client,
                body=CheckInBatch.from_dict(body),
                idempotency_key=idempotency_key,
            )
            try:
                parsed: object = json.loads(response.content)
            except ValueError:
                parsed = response.content.decode("utf-8", errors="replace")
            headers = {key.lower(): value for key, value in response.headers.items()}
            return Reply(int(response.status_code), headers, parsed)

        yield send
