"""Baseline of the read benchmark: a bare FastAPI app with one endpoint returning constant JSON.

``GET /constant/{name}`` answers the JSON document ``name`` of the file named by
``OKR_BENCH_BASELINE_PAYLOADS`` (an object of named documents, loaded once at start). The read
benchmark writes there real answers of the OKR service (one objective, one page of 50), so the
baseline serialises documents of the same size and shape, without authentication, database or
validation. Run it with the same uvicorn settings as the service:

    OKR_BENCH_BASELINE_PAYLOADS=payloads.json uvicorn baseline_app:app --app-dir bench
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException

_FALLBACK: dict[str, Any] = {
    "objective": {
        "id": "00000000-0000-4000-8000-000000000000",
        "title": "A constant objective",
        "key_results": [{"id": str(n), "title": "A constant key result"} for n in range(4)],
    }
}


def _load() -> dict[str, Any]:
    name = os.environ.get("OKR_BENCH_BASELINE_PAYLOADS")
    if not name:
        return _FALLBACK
    loaded: dict[str, Any] = json.loads(Path(name).read_text(encoding="utf-8"))
    return loaded


PAYLOADS = _load()

app = FastAPI(title="baseline")


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness."""
    return {"status": "ok"}


@app.get("/constant/{name}")
async def constant(name: str) -> Any:
    """The constant document ``name``."""
    try:
        return PAYLOADS[name]
    except KeyError:
        raise HTTPException(status_code=404) from None
