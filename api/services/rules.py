"""Raising every violated rule at once."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import RuleViolation, Violation


def refuse_all(problems: Sequence[Violation], *, code: str) -> None:
    """Raise ``RuleViolation`` naming every problem (nothing when there are none).

    One problem keeps its own code; several share ``code`` and are listed in ``errors``.
    """
    if problems:
        raise RuleViolation.from_violations(problems, code=code if len(problems) > 1 else None)
