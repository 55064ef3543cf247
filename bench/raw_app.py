"""Same-work baseline of the read benchmark: a plain ASGI app on an asyncpg pool.

It answers ``GET /v1/objectives/{id}`` and ``GET /v1/objectives?limit=N[&cursor=...]`` with the
bytes the service answers, doing the same work without SQLAlchemy, FastAPI or pydantic on the
request path:

- authentication of ``Authorization: Bearer okr_pat_...`` as ``api.auth._authenticate_pat``:
  the keyed lookup prefix (``api.auth.token_prefix``), one SELECT of the token joined with its
  person and the failures counted in the current window (the service's statement), the HMAC
  compare in constant time (``api.auth.hash_token``), then revoked, expired and active checks and
  the ``last_used_at`` write only when it is due (``api.auth.LAST_USED_RESOLUTION``);
- the objective (or the page in creation order, ``limit + 1`` rows), its cycle, the policy row
  and whether the owner is a deactivated person in one statement; the KRs in a second; their
  counting (not voided) check-ins in a third;
- the forecasts with the domain's own functions (``domain.forecast.forecast_key_result`` and
  ``forecast_objective``), as ``api.services.forecasts.Forecaster`` calls them;
- the JSON document in the field order of ``ObjectivePublic`` / ``Page``, numbers as floats,
  instants in UTC with ``Z``, encoded with the standard ``json`` module, and the ``ETag``
  ``"<version>.<digest>"`` of ``api.concurrency.representation_tag``.

One transaction per request (``BEGIN``, the statements, ``COMMIT``); a connection returns to the
pool without asyncpg's reset statement (a request leaves no session state behind). The pure
functions named above are imported from the project (they run no SQLAlchemy, FastAPI or pydantic
code).

Limits, stated rather than hidden: the baseline reads as an admin (the benchmark's bootstrap
token; a member or a service key is answered 403, so no visibility rule is needed); it does not
count failed attempts (a failure is answered 401, a blocked credential 429, without writing);
tokens of the pre-keyed SHA-256 scheme and derived KRs (whose forecast rolls up other
objectives) are refused (401 and 501) instead of being served differently.

Settings as the service reads them: ``OKR_DATABASE_URL`` (PostgreSQL), ``OKR_SECRET_KEY`` (or the
generated secret under ``var/``, ``api.identity.server_secret``), ``OKR_AUTH_FAILURE_LIMIT``;
``OKR_RAW_POOL_SIZE`` (default 8) connections are opened at start and kept.

    OKR_DATABASE_URL=postgresql+asyncpg://... uvicorn raw_app:app --app-dir bench
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import asyncpg  # type: ignore[import-untyped]

from api.auth import LAST_USED_RESOLUTION, credential_name, hash_token, token_prefix
from api.auth_limits import window_start
from api.concurrency import representation_tag
from api.pagination import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor
from api.services.forecasts import points_of
from domain.forecast import (
    INTERVAL_LEVEL,
    REASON_MESSAGES,
    Forecast,
    ObjectiveForecast,
    forecast_key_result,
    forecast_objective,
)
from domain.model import KeyResultKind
from domain.policy import Policy
from persistence.tables import TOKEN_HASH_KEYED

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

# -- statements --------------------------------------------------------------------------------

TOKEN_WITH_FAILURES = """
SELECT t.id, t.token_hash, t.hash_scheme, t.last_used_at, t.revoked_at, t.expires_at,
       p.id, p.role, p.active,
       (SELECT coalesce(max(r.count), 0) FROM rate_counters r
         WHERE r.window_start = $1
           AND (r.bucket = 'auth-fail:addr' AND r.principal = $2
                OR r.bucket = 'auth-fail:prefix' AND r.principal = $3))
FROM person_tokens t JOIN people p ON p.id = t.person_id
WHERE t.prefix = $4
"""
"""The token, its person and the failures counted in the window (as ``token_by_prefix``)."""

TOKEN_USED = "UPDATE person_tokens SET last_used_at = $1, updated_at = $1 WHERE id = $2"

_OBJECTIVE_COLUMNS = """
o.id, o.cycle_id, o.owner_type, o.owner_id, o.title, o.description, o.origin, o.state,
o.state_reason, o.score, o.grade, o.created_by_id, o.approved_by_id, o.submitted_at,
o.agreed_at, o.version, o.created_at, o.updated_at,
c.starts_on, c.ends_on,
(o.owner_type = 'person' AND owner.active IS false) AS owner_inactive,
(SELECT data FROM policy WHERE id = 'default') AS policy
"""
_OBJECTIVE_FROM = """
FROM objectives o JOIN cycles c ON c.id = o.cycle_id
LEFT JOIN people owner ON o.owner_type = 'person' AND owner.id = o.owner_id
"""
OBJECTIVE = f"SELECT {_OBJECTIVE_COLUMNS} {_OBJECTIVE_FROM} WHERE o.id = $1"
"""The objective with its cycle's dates, whether its owner is deactivated and the policy."""
PAGE = f"SELECT {_OBJECTIVE_COLUMNS} {_OBJECTIVE_FROM} ORDER BY o.created_at, o.id LIMIT $1"
PAGE_AFTER = (
    f"SELECT {_OBJECTIVE_COLUMNS} {_OBJECTIVE_FROM} "
    "WHERE (o.created_at, o.id) > ($2, $3) ORDER BY o.created_at, o.id LIMIT $1"
)
KEY_RESULTS = """
SELECT id, objective_id, position, title, kind, start_value, target_value, current_value, unit,
       weight, due_on, metric_key, done, score, confidence, last_check_in_at, version,
       created_at, updated_at
FROM key_results WHERE objective_id = ANY($1::varchar[])
ORDER BY objective_id, position, created_at, id
"""
COUNTING_POINTS = """
SELECT c.key_result_id, c.observed_at, c.received_at, c.value, c.done
FROM check_ins c JOIN key_results k ON k.id = c.key_result_id
WHERE k.objective_id = ANY($1::varchar[]) AND k.kind <> 'derived' AND c.voided_at IS NULL
ORDER BY c.key_result_id, c.observed_at
"""
"""The KRs' counting check-ins (as ``CheckInRepository.counting_points``), found by objective."""


# -- answers -----------------------------------------------------------------------------------


class Refused(Exception):
    """An answer other than 200: status and a problem document."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def _number(value: Decimal | None) -> float | None:
    """``NumberOut``: a decimal leaves as a JSON float."""
    return None if value is None else float(value)


def _instant(value: datetime | None) -> str | None:
    """An instant in UTC as pydantic writes it (``...T...[.ffffff]Z``)."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _forecast(forecast: Forecast | ObjectiveForecast) -> dict[str, Any]:
    """``ForecastPublic`` (a KR's, with ``progress``) or ``ObjectiveForecastPublic``."""
    out: dict[str, Any] = {"method": forecast.method.value, "points_used": forecast.points_used}
    if isinstance(forecast, Forecast):
        out["progress"] = _number(forecast.progress)
    out.update(
        score=_number(forecast.score),
        low=_number(forecast.low),
        high=_number(forecast.high),
        interval_level=float(INTERVAL_LEVEL),
        band=forecast.band.value if forecast.band else None,
        reason=forecast.reason.value if forecast.reason else None,
        reason_message=REASON_MESSAGES[forecast.reason] if forecast.reason else None,
    )
    return out


def _key_result(kr: asyncpg.Record, forecast: Forecast) -> dict[str, Any]:
    return {
        "id": kr["id"],
        "objective_id": kr["objective_id"],
        "position": kr["position"],
        "title": kr["title"],
        "kind": kr["kind"],
        "start_value": _number(kr["start_value"]),
        "target_value": _number(kr["target_value"]),
        "current_value": _number(kr["current_value"]),
        "unit": kr["unit"],
        "weight": float(kr["weight"]),
        "due_on": _day(kr["due_on"]),
        "metric_key": kr["metric_key"],
        "done": kr["done"],
        "score": float(kr["score"]),
        "confidence": kr["confidence"],
        "last_check_in_at": _instant(kr["last_check_in_at"]),
        "version": kr["version"],
        "created_at": _instant(kr["created_at"]),
        "updated_at": _instant(kr["updated_at"]),
        "forecast": _forecast(forecast),
    }


def _objective(
    row: asyncpg.Record, krs: Sequence[asyncpg.Record], points: Mapping[str, list[Any]]
) -> dict[str, Any]:
    """The objective as ``ObjectivePublic`` shows it on reads, forecasts included."""
    data = row["policy"]
    policy = Policy() if data is None else Policy.from_dict(json.loads(data))
    forecasts: list[Forecast] = []
    for kr in krs:
        if kr["kind"] == KeyResultKind.DERIVED.value:
            raise Refused(501, "raw.derived", "the baseline does not forecast derived KRs")
        forecasts.append(
            forecast_key_result(
                kind=KeyResultKind(kr["kind"]),
                start=kr["start_value"],
                target=kr["target_value"],
                points=points_of(points.get(kr["id"], ())),
                cycle_starts_on=row["starts_on"],
                cycle_ends_on=row["ends_on"],
                policy=policy,
            )
        )
    weighted = forecast_objective(
        [(kr["weight"], f) for kr, f in zip(krs, forecasts, strict=True)], policy=policy
    )
    return {
        "id": row["id"],
        "cycle_id": row["cycle_id"],
        "owner_type": row["owner_type"],
        "owner_id": row["owner_id"],
        "title": row["title"],
        "description": row["description"],
        "origin": row["origin"],
        "state": row["state"],
        "state_reason": row["state_reason"],
        "score": _number(row["score"]),
        "grade": row["grade"],
        "key_results": [_key_result(kr, f) for kr, f in zip(krs, forecasts, strict=True)],
        "owner_inactive": bool(row["owner_inactive"]),
        "created_by_id": row["created_by_id"],
        "approved_by_id": row["approved_by_id"],
        "submitted_at": _instant(row["submitted_at"]),
        "agreed_at": _instant(row["agreed_at"]),
        "version": row["version"],
        "created_at": _instant(row["created_at"]),
        "updated_at": _instant(row["updated_at"]),
        "warnings": [],
        "forecast": _forecast(weighted),
    }


def _encode(document: Any) -> bytes:
    """JSON as the service writes it: compact, UTF-8, no NaN."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


# -- the app -----------------------------------------------------------------------------------


async def _keep(_conn: asyncpg.Connection) -> None:
    """No reset when a connection returns to the pool: a request leaves no session state (no
    ``SET``, ``LISTEN`` or advisory lock), and its transaction has ended."""


@dataclass
class Counters:
    """Requests answered and SQL statements sent (transaction control not counted)."""

    requests: int = 0
    statements: int = 0


class RawReadApp:
    """The ASGI app; ``start`` opens the pool (the ASGI lifespan calls it)."""

    def __init__(self, dsn: str, secret_key: bytes, *, failure_limit: int, pool_size: int) -> None:
        self.dsn = dsn
        self.secret_key = secret_key
        self.failure_limit = failure_limit
        self.pool_size = pool_size
        self.pool: asyncpg.Pool | None = None
        self.counters = Counters()

    async def start(self) -> None:
        """Open the pool (all its connections at once)."""
        if self.pool is None:
            self.pool = await asyncpg.create_pool(
                self.dsn, min_size=self.pool_size, max_size=self.pool_size, reset=_keep
            )

    async def close(self) -> None:
        """Close the pool."""
        if self.pool is not None:
            await self.pool.close()
            self.pool = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        status, body, tag = await self._answer(scope)
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        if status != 200:
            headers[0] = (b"content-type", b"application/problem+json")
        if tag is not None:
            headers.append((b"etag", tag))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _answer(self, scope: Scope) -> tuple[int, bytes, bytes | None]:
        path: str = scope["path"]
        if path == "/healthz":
            return 200, b'{"status":"ok"}', None
        try:
            if scope["method"] != "GET" or not path.startswith("/v1/objectives"):
                raise Refused(404, "raw.not_found", "the baseline serves two reads only")
            await self.start()
            assert self.pool is not None
            async with self.pool.acquire() as conn, conn.transaction():
                await self._authenticate(conn, scope)
                if path == "/v1/objectives":
                    body, tag = await self._page(conn, scope), None
                else:
                    body, tag = await self._one(conn, path.removeprefix("/v1/objectives/"))
            self.counters.requests += 1
            return 200, body, tag
        except Refused as refused:
            problem = {
                "type": "about:blank",
                "status": refused.status,
                "code": refused.code,
                "detail": refused.detail,
            }
            return refused.status, _encode(problem), None

    async def _fetch(self, conn: asyncpg.Connection, sql: str, *args: Any) -> list[Any]:
        self.counters.statements += 1
        rows: list[Any] = await conn.fetch(sql, *args)
        return rows

    async def _authenticate(self, conn: asyncpg.Connection, scope: Scope) -> None:
        """As ``api.auth._authenticate_pat`` (keyed tokens); an admin only."""
        header = b""
        for name, value in scope["headers"]:
            if name == b"authorization":
                header = value
        scheme, _, token = header.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Refused(401, "auth.unauthenticated", "a bearer token is required")
        now = datetime.now(UTC)
        client = scope.get("client")
        address = client[0][:100] if client else None
        credential = credential_name(token)
        prefix = token_prefix(token, self.secret_key)
        found = await self._fetch(
            conn, TOKEN_WITH_FAILURES, window_start(now), address, credential, prefix
        )
        if not found:
            hmac.compare_digest("0" * 64, hash_token(token, self.secret_key))
            raise Refused(401, "auth.unauthenticated", "the token is not valid")
        (token_id, stored_hash, scheme_name, last_used, revoked, expires, _pid, role, active, n) = (
            found[0]
        )
        if self.failure_limit > 0 and n >= self.failure_limit:
            raise Refused(429, "auth.too_many_failures", "too many failed attempts")
        if scheme_name != TOKEN_HASH_KEYED or not hmac.compare_digest(
            stored_hash, hash_token(token, self.secret_key)
        ):
            raise Refused(401, "auth.unauthenticated", "the token is not valid")
        if revoked is not None or (expires is not None and expires <= now):
            raise Refused(401, "auth.unauthenticated", "the token is revoked or expired")
        if not active:
            raise Refused(401, "auth.unauthenticated", "the token's owner is deactivated")
        if last_used is None or now - last_used > LAST_USED_RESOLUTION:
            self.counters.statements += 1
            await conn.execute(TOKEN_USED, now, token_id)
        if role != "admin":
            raise Refused(403, "raw.admin_only", "the baseline reads as an admin only")

    async def _with_key_results(
        self, conn: asyncpg.Connection, rows: Sequence[asyncpg.Record]
    ) -> list[dict[str, Any]]:
        ids = [row["id"] for row in rows]
        by_objective: dict[str, list[asyncpg.Record]] = {i: [] for i in ids}
        points: dict[str, list[Any]] = {}
        if ids:
            for kr in await self._fetch(conn, KEY_RESULTS, ids):
                by_objective[kr["objective_id"]].append(kr)
            for kr_id, observed, received, value, done in await self._fetch(
                conn, COUNTING_POINTS, ids
            ):
                points.setdefault(kr_id, []).append((observed, received, value, done))
        return [_objective(row, by_objective[row["id"]], points) for row in rows]

    async def _one(self, conn: asyncpg.Connection, objective_id: str) -> tuple[bytes, bytes]:
        rows = await self._fetch(conn, OBJECTIVE, objective_id)
        if not rows:
            raise Refused(404, "objective.not_found", f"objective {objective_id} does not exist")
        (document,) = await self._with_key_results(conn, rows)
        body = _encode(document)
        return body, representation_tag(b'"%d"' % rows[0]["version"], body)

    async def _page(self, conn: asyncpg.Connection, scope: Scope) -> bytes:
        query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        if set(query) - {"limit", "cursor"}:
            raise Refused(400, "raw.unsupported", "the baseline reads limit and cursor only")
        try:
            limit = int(query.get("limit", DEFAULT_LIMIT))
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            raise Refused(422, "request.invalid", f"limit must be 1 to {MAX_LIMIT}")
        cursor = query.get("cursor")
        if cursor is None:
            rows = await self._fetch(conn, PAGE, limit + 1)
        else:
            try:
                after = decode_cursor(cursor)
            except Exception:
                raise Refused(422, "request.invalid_cursor", CURSOR_PATTERN) from None
            rows = await self._fetch(conn, PAGE_AFTER, limit + 1, after[0], after[1])
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor((rows[-1]["created_at"], rows[-1]["id"]))
        items = await self._with_key_results(conn, rows)
        return _encode({"items": items, "next_cursor": next_cursor})


def asyncpg_dsn(database_url: str) -> str:
    """The asyncpg DSN of the service's SQLAlchemy URL (``postgresql+asyncpg://...``)."""
    scheme, sep, rest = database_url.partition("://")
    if not sep or not scheme.startswith("postgresql"):
        raise SystemExit(f"the raw baseline needs a PostgreSQL database, not {database_url!r}")
    return f"postgresql://{rest}"


def create_raw_app(
    database_url: str, secret_key: bytes, *, failure_limit: int = 20, pool_size: int = 8
) -> RawReadApp:
    """The baseline on the service's database URL and server secret."""
    return RawReadApp(
        asyncpg_dsn(database_url), secret_key, failure_limit=failure_limit, pool_size=pool_size
    )


def _from_environment() -> RawReadApp:
    """The baseline configured as the service is (``api.settings.Settings``)."""
    from api.identity import server_secret
    from api.settings import Settings

    settings = Settings()
    return create_raw_app(
        settings.database_url,
        server_secret(settings),
        failure_limit=settings.auth_failure_limit,
        pool_size=int(os.environ.get("OKR_RAW_POOL_SIZE", "8")),
    )


def __getattr__(name: str) -> Any:
    """``raw_app:app`` for uvicorn, built from the environment when first asked for."""
    if name == "app":
        built = _from_environment()
        globals()["app"] = built
        return built
    raise AttributeError(name)
