"""Domain errors: every refusal of an OKR rule, each with a stable dotted ``code``.

The tree::

    DomainError                      base; ``code``, ``message``, ``field``, ``violations``
    ├── NotFound                     a referenced entity does not exist (or is not visible)
    ├── PermissionDenied             the actor may not do this (names the missing role)
    ├── InvalidTransition            a lifecycle action not allowed from the current state
    ├── RuleViolation                one or more rules refuse the change; ``violations`` lists all
    │   ├── PolicyViolation          policy limits (objective count, KR count, weights...)
    │   ├── FrozenField              a field frozen after agreement was changed
    │   └── AlignmentRefused         period, direction or ownership of an alignment edge
    │       └── AlignmentCycle       the edge would close a loop; ``loop`` names it
    ├── Conflict                     well-formed but clashes with stored state (duplicates...)
    ├── PreconditionFailed           the caller's version (``If-Match``) is not the current one
    ├── Unauthenticated              no valid credential
    ├── TooManyRequests              a limit of the caller is used up; ``retry_after`` seconds
    ├── BadQuery                     an OData query that cannot be read (syntax, names, types)
    ├── UnsupportedQuery             an OData option or function the feed does not implement
    └── InvalidInput                 a parameter the schema cannot check is malformed (a cursor)

The API layer maps the classes onto HTTP statuses (404, 403, 409, 412, 401, 429, 400, 501,
422) in one place (``api.errors``); the domain never does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Violation:
    """One violated rule: a stable code, a human message and the offending field or id."""

    code: str
    message: str
    field: str | None = None


class DomainError(Exception):
    """Base of every refusal by the domain."""

    default_code = "domain.error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        violations: Sequence[Violation] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.violations: tuple[Violation, ...] = tuple(violations) or (
            Violation(code=self.code, message=message, field=field),
        )

    @classmethod
    def from_violations(
        cls, violations: Sequence[Violation], *, code: str | None = None
    ) -> DomainError:
        """Build one error that names every violation (the first one's code unless given)."""
        if not violations:
            raise ValueError("from_violations needs at least one violation")
        first = violations[0]
        if len(violations) == 1:
            return cls(
                first.message, code=code or first.code, field=first.field, violations=violations
            )
        message = "; ".join(v.message for v in violations)
        return cls(message, code=code or cls.default_code, violations=violations)


class NotFound(DomainError):
    """A referenced entity does not exist, or the actor may not see it."""

    default_code = "not_found"


class PermissionDenied(DomainError):
    """The actor lacks the role or scope this action needs."""

    default_code = "permission.denied"


class InvalidTransition(DomainError):
    """A lifecycle action that the current state does not allow."""

    default_code = "state.invalid_transition"


class RuleViolation(DomainError):
    """One or more OKR rules refuse the change."""

    default_code = "rule.violated"


class PolicyViolation(RuleViolation):
    """A policy limit is exceeded (objective count, KR count, weights...)."""

    default_code = "policy.violated"


class FrozenField(RuleViolation):
    """A field that agreement froze was changed."""

    default_code = "objective.frozen"


class AlignmentRefused(RuleViolation):
    """An alignment edge breaks period containment, direction or ownership."""

    default_code = "alignment.refused"


class AlignmentCycle(AlignmentRefused):
    """An alignment edge would close a loop."""

    default_code = "alignment.cycle"

    def __init__(self, loop: Sequence[str]) -> None:
        self.loop: tuple[str, ...] = tuple(loop)
        super().__init__(
            "alignment would close a loop: " + " -> ".join(self.loop),
            field="parent_objective_id",
        )


class Conflict(DomainError):
    """Well-formed but clashes with stored state (a duplicate key, a stale version...)."""

    default_code = "conflict"


class PreconditionFailed(DomainError):
    """The version the caller names (``If-Match``) is not the current one."""

    default_code = "precondition.failed"


class Unauthenticated(DomainError):
    """No valid credential: missing, unknown, revoked, expired, or its owner deactivated."""

    default_code = "auth.unauthenticated"


class TooManyRequests(DomainError):
    """A limit of the caller is used up; ``retry_after`` says in how many seconds to retry."""

    default_code = "rate_limit.exceeded"

    def __init__(
        self, message: str, *, retry_after: int, code: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message, code=code, field=field)
        self.retry_after = max(1, retry_after)


class BadQuery(DomainError):
    """A query of the OData feed that cannot be read: its syntax, an unknown property, a type
    mismatch, a bad paging token (OData answers 400)."""

    default_code = "query.invalid"


class UnsupportedQuery(DomainError):
    """A query option or function of OData the feed does not implement (OData answers 501)."""

    default_code = "query.not_implemented"


class InvalidInput(DomainError):
    """A parameter the request schema cannot check is malformed (an opaque cursor...)."""

    default_code = "request.invalid"


def _version_of(tag: str) -> str | None:
    """The version an entity tag names (``"3"`` and ``"3.<digest>"``: ``3``), None otherwise."""
    if len(tag) < 2 or not (tag.startswith('"') and tag.endswith('"')):
        return None
    return tag[1:-1].split(".", 1)[0]


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse (``PreconditionFailed``) unless ``if_match`` is absent, ``*`` or names ``version``:
    an entity tag ``"<version>"`` or ``"<version>.<digest>"`` (the ETag of a representation of
    that version; weak tags compare as strong ones)."""
    if if_match is None:
        return
    current = str(version)
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if "*" in tags or any(_version_of(tag) == current for tag in tags):
        return
    raise PreconditionFailed(
        f'If-Match {if_match} does not match the current version "{version}"', field="if-match"
    )
