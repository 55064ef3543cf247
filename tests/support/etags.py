"""Entity tags as the service sends them: ``"<version>.<digest of the representation>"``."""

from __future__ import annotations

import re

import httpx

_TAG = re.compile(r'^"([0-9]+)\.([0-9a-f]{16})"$')


def tag_version(response: httpx.Response) -> int:
    """The version the answer's ``ETag`` names (fails when the tag has another shape)."""
    found = _TAG.match(response.headers["etag"])
    assert found is not None, response.headers.get("etag")
    return int(found.group(1))
