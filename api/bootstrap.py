"""First run: on a database without people, create the first admin and their token.

The token is stored like every token (a keyed hash under the server secret). On a database that
has people, a configured bootstrap token still stored in the plain SHA-256 of earlier versions
is stored again keyed.

``DEMO_HOOKS`` is where demo data plugs in: each hook gets the session of the bootstrap
transaction after the admin exists (run only on a fresh database and when ``OKR_DEMO`` is on).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth import rekey_legacy_token
from api.demo import demo_hook
from api.schemas.org import PersonPublic
from api.services.events import emit
from api.services.tokens import issue_token
from domain.identity_rules import email_key
from domain.model import Role
from persistence.repositories.org import PersonRepository
from persistence.tables import PersonRow

ADMIN_NAME = "Admin"
ADMIN_EMAIL = "admin@localhost"

DemoHook = Callable[[AsyncSession, str], Awaitable[None]]
DEMO_HOOKS: list[DemoHook] = [demo_hook]
"""Called as ``hook(session, admin_id)`` on a freshly bootstrapped database when demo is on."""


@dataclass(frozen=True, slots=True)
class Bootstrapped:
    """The first admin; ``token`` is theirs (the configured one or a fresh one)."""

    person_id: str
    token: str
    generated: bool


async def bootstrap(
    factory: async_sessionmaker[AsyncSession],
    *,
    token: str | None,
    secret_key: bytes,
    demo: bool = False,
) -> Bootstrapped | None:
    """Create the first admin when there are no people; None when the database has people."""
    try:
        async with factory() as session, session.begin():
            people = PersonRepository(session)
            if await people.count() > 0:
                if token:
                    await rekey_legacy_token(session, token, secret_key)
                return None
            admin = await people.add(
                PersonRow(
                    name=ADMIN_NAME,
                    email=ADMIN_EMAIL,
                    email_key=email_key(ADMIN_EMAIL),
                    role=Role.ADMIN.value,
                )
            )
            await emit(
                session,
                "person.created",
                "person",
                PersonPublic.model_validate(admin),
                entity_id=admin.id,
            )
            _row, secret = await issue_token(
                session, admin.id, "bootstrap", secret_key=secret_key, token=token
            )
            if demo:
                for hook in DEMO_HOOKS:
                    await hook(session, admin.id)
    except IntegrityError:
        # Another process bootstrapped the same database at the same moment.
        return None
    return Bootstrapped(person_id=admin.id, token=secret, generated=token is None)
