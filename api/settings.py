"""Service configuration, read from `OKR_*` environment variables."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.webhooks import DEFAULT_RETRY_SCHEDULE, parse_networks

PROJECT_ROOT = Path(__file__).resolve().parents[1]
"""The checkout the service runs from (the folder holding ``api/`` and ``pyproject.toml``)."""


def _data_dir() -> Path:
    """``var/`` of the checkout, wherever a command is run from; ``var/`` of the working
    directory when the package is installed outside a checkout."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "var"
    return Path("var").resolve()


DATA_DIR = _data_dir()
"""Where the embedded database and a generated secret key live by default."""
DEFAULT_SQLITE_PATH = DATA_DIR / "okr.db"
"""The embedded database: one file for ``okr serve`` and every other ``okr`` command."""


class Settings(BaseSettings):
    """Settings of one service process."""

    model_config = SettingsConfigDict(env_prefix="OKR_", extra="ignore")

    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH}"
    host: str = "127.0.0.1"
    port: int = 8000
    bootstrap_token: str | None = None
    demo: bool = True
    log_level: str = "info"
    log_format: Literal["plain", "json"] = "plain"
    """``json``: one JSON object per log line and one line per request (``api.logs``)."""
    metrics_token: str | None = None
    """When set, ``GET /metrics`` answers only a request sending it as a bearer token."""
    shutdown_timeout_seconds: float = 30.0
    """On SIGTERM, how long a worker waits for the requests in flight before it exits."""
    secret_key: str | None = None
    """Keys the stored hashes of API keys and personal access tokens; generated under ``var/``
    when unset."""
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_claim: str = "email"
    """The claim naming the person: ``email`` (matched to e-mail) or ``sub`` (to external id)."""
    oidc_algorithms: Annotated[list[str], NoDecode] = [
        "RS256",
        "RS384",
        "RS512",
        "PS256",
        "ES256",
        "ES384",
        "EdDSA",
    ]
    oidc_leeway_seconds: int = 60
    oidc_jwks_ttl_seconds: int = 3600
    oidc_jwks_min_refetch_seconds: int = 30
    cors_origins: Annotated[list[str], NoDecode] = []
    checkin_rate_limit: int = 600
    """Check-in requests (single or batch) per principal and minute; 0 turns the limit off."""
    auth_failure_limit: int = 20
    """Failed authentications per minute from one client address, and at one credential prefix,
    before further attempts are refused with 429; 0 turns the limit off."""
    expensive_reads_per_caller: int = 2
    """Exports and cycle reports one caller may have running at once; 0 turns the limit off."""
    odata_page_size: int = Field(default=1000, ge=1, le=5000)
    """Rows per page of the OData feed (``@odata.nextLink`` links the next one); a client may
    ask for fewer with ``Prefer: odata.maxpagesize``."""
    http_max_header_bytes: int = 64 * 1024
    """The request line and headers of one request, in bytes (431 beyond)."""
    http_max_headers: int = 100
    """Header lines of one request (431 beyond)."""
    http_header_timeout_seconds: float = 10.0
    """How long a client may take to send a request head (408 and closed after)."""
    http_body_timeout_seconds: float = 60.0
    """How long a client may take to send a request body once its head arrived."""
    http_write_timeout_seconds: float = 60.0
    """How long a client may read nothing of an answer before it is disconnected."""
    http_keep_alive_seconds: int = 5
    """How long an idle keep-alive connection stays open."""
    http_max_connections: int = 1000
    """Connections and requests of one process at once (503 beyond); 0: no limit."""

    feed_max_wait_seconds: float = Field(default=30, ge=0, le=30)
    """The longest a long poll of the change feed (``GET /v1/events?wait=``) holds a request; a
    reverse proxy that closes idle requests sooner needs a lower value."""
    db_pool_size: int = Field(default=10, ge=1, le=200)
    """PostgreSQL connections each process keeps open (``OKR_DB_POOL_SIZE``). Sized so that a
    process's concurrent requests never wait for or open a connection: with the default
    concurrency of a worker (one event loop) 10 is ample; total per server is
    ``workers x (pool size + overflow + 10 for rate counters)``, below PostgreSQL's
    ``max_connections`` (100 by default)."""
    db_max_overflow: int = Field(default=5, ge=0, le=200)
    """Connections a process may open beyond the pool under a burst (closed again after)."""
    db_pool_recycle_seconds: int = Field(default=1800, ge=0)
    """Pooled connections older than this are replaced (0: never), so none outlives a
    server-side idle timeout."""
    db_pool_pre_ping: bool = False
    """Test each connection with a round trip when it leaves the pool. Off: a connection the
    database dropped fails one request (503, retryable) and the whole pool is refreshed."""

    webhook_retry_schedule: Annotated[list[float], NoDecode] = list(DEFAULT_RETRY_SCHEDULE)
    """Seconds before each retry of a failed delivery (``5,300,1800,...``); jittered by up to
    10 %, lengthened by a ``Retry-After`` up to the longest gap. After the last, it has failed."""
    webhook_disable_after_failures: int = 5
    """Deliveries in a row that fail after their whole schedule before the subscription is
    disabled; 0 never disables (a 410 answer always does)."""
    webhook_allowed_networks: Annotated[list[str], NoDecode] = []
    """CIDR blocks deliveries may reach although private, loopback or link-local
    (``127.0.0.0/8,::1/128``); every other such address is refused."""
    webhook_allow_http: bool = False
    """Accept ``http://`` subscription URLs (tests and closed networks); else ``https://`` only."""
    webhook_connect_timeout_seconds: float = 3.0
    webhook_read_timeout_seconds: float = 5.0
    """How long a receiver may take to accept a connection, and then to answer."""
    webhook_batch: int = 100
    """Deliveries one worker sends to one subscription before it lets the subscription go."""
    webhook_lease_seconds: float = 60.0
    """How long a worker holds a subscription it delivers (at least twice the timeouts): one
    that dies mid-delivery holds it this long, then another sends what it left."""
    worker_poll_seconds: float = 0.5
    """How long the worker sleeps when no job had anything to do."""
    worker_in_serve: bool = True
    """Whether ``okr serve`` runs the worker beside the API (else run ``okr worker``)."""

    @field_validator("oidc_algorithms", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        """``a,b`` (or a JSON list) from the environment."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("webhook_retry_schedule", "webhook_allowed_networks", mode="before")
    @classmethod
    def _comma_separated_webhooks(cls, value: Any) -> Any:
        """``a,b`` (or a JSON list) from the environment."""
        return cls._comma_separated(value)

    @field_validator("webhook_retry_schedule")
    @classmethod
    def _positive_gaps(cls, value: list[float]) -> list[float]:
        """Every gap is positive; at most 20 retries."""
        if not value or len(value) > 20 or any(gap <= 0 for gap in value):
            raise ValueError("the retry schedule is 1 to 20 positive numbers of seconds")
        return value

    @field_validator("webhook_allowed_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        """Every entry is an address or a CIDR block."""
        parse_networks(value)
        return value

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_only(cls, value: list[str]) -> list[str]:
        """Never ``none`` and never HMAC: a provider's public key must not become a secret."""
        refused = [a for a in value if a.lower() == "none" or a.upper().startswith("HS")]
        if refused:
            raise ValueError(f"algorithms not allowed for OIDC tokens: {refused}")
        return value

    @property
    def oidc_enabled(self) -> bool:
        """Whether bearer JWTs from an OpenID Connect provider are accepted."""
        return bool(self.oidc_issuer and self.oidc_audience and self.oidc_jwks_url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once from the environment)."""
    return Settings()
