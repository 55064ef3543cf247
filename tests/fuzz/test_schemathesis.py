"""Property-based fuzzing of every operation the app publishes, with schemathesis.

The schema is read from the running app (``/openapi.json``), so every operation that exists is
fuzzed: schema examples, coverage cases and random positive and negative data, checked by every
built-in check (no server errors, declared status codes, content types and headers, response
schema conformance, negative data rejected, positive data accepted, authentication not ignored...).
Each backend gets a fresh migrated database with its bootstrapped admin; the seed is fixed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.checks import negative_data_rejection
from schemathesis.config import SchemathesisConfig
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.schemas import OpenApiSchema

from api.app import create_app
from api.bootstrap import bootstrap
from api.settings import Settings
from persistence.db import create_engine, create_session_factory
from tests.conftest import ADMIN_TOKEN, BACKENDS, create_database

SPEC_ONLY_URL = f"sqlite+aiosqlite:///{tempfile.gettempdir()}/okr-spec-only.db"
"""Never connected to: the app is built only to read its OpenAPI document."""
SEED = 20260501
MAX_EXAMPLES = int(os.environ.get("OKR_FUZZ_MAX_EXAMPLES", "15"))
"""Random examples per operation in the fuzzing phase (examples and coverage phases come on top)."""
AS_ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="module", params=BACKENDS)
async def fuzz_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[FastAPI]:
    """The app on a fresh migrated database of one backend, with its first admin."""
    async for db in create_database(request.param, tmp_path_factory.mktemp("fuzz")):
        # Plain http subscriptions allowed: whether the schema's `http://` URLs are accepted is a
        # setting, which the schema cannot say (the other value is tested in test_webhooks.py).
        app = create_app(Settings(database_url=db.url, demo=False, webhook_allow_http=True))
        engine = create_engine(db.url)
        created = await bootstrap(
            create_session_factory(engine), token=ADMIN_TOKEN, secret_key=app.state.secret_key
        )
        await engine.dispose()
        assert created is not None
        yield app
        # Disposes the app's engine on the fuzzer's event loop, before the database is dropped.
        shutdown_lifespans()


CONFIG = {
    "seed": SEED,
    # No NUL in generated strings: no text column can hold it, so every NUL is refused with 422
    # on both backends (tests/api/test_bad_input.py sends it on purpose).
    "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "allow-x00": False},
    "checks": {
        # A schema-valid `If-Match` naming another version is answered 412 (RFC 9110 13.1.1): a
        # state-dependent refusal like 409, which the default list of this check leaves out.
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "412", "429", "5xx"]
        },
    },
}
"""Everything else is the default: all phases but stateful, all checks, positive and negative."""


def _load_schema() -> OpenApiSchema:
    """The app's own OpenAPI document, read in-process.

    The document comes from an app that never touches its database; each test sends its requests
    to ``fuzz_app`` (``app=``), which serves the same code on a fresh database.
    """
    spec_only = create_app(Settings(database_url=SPEC_ONLY_URL, demo=False))
    return schemathesis.openapi.from_asgi(
        "/openapi.json", spec_only, config=SchemathesisConfig.from_dict(CONFIG)
    )


schema = _load_schema()


PER_ITEM = {"POST /v1/check-ins/batch"}
"""Operations whose list items are checked one by one (api.md: valid items are stored even when
others are refused): a malformed item is answered inside a 200, so the negative-data check, which
expects the whole request refused, does not apply to them. Every other check does."""


# Schemathesis feeds values from earlier answers (ids, names) into later cases of the same schema,
# so what an operation is sent depends on the operations fuzzed before it in the process. Under
# pytest-xdist this module's tests stay together on one worker, in the order of a serial run
# (``TOGETHER`` in tests/conftest.py).
@schema.parametrize()
def test_every_operation_honours_its_contract(case: Any, fuzz_app: FastAPI) -> None:
    excluded = [negative_data_rejection] if case.operation.label in PER_ITEM else []
    # Credentials given here count as explicit: the auth check replays without and with bad ones.
    case.call_and_validate(app=fuzz_app, headers=AS_ADMIN, excluded_checks=excluded)
