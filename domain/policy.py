"""The organisation's OKR policy: every number of okr-domain §2, changeable by an admin."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.errors import DomainError, PolicyViolation, Violation
from domain.model import PublishOn

_ZERO = Decimal("0")
_ONE = Decimal("1")


@dataclass(frozen=True, slots=True)
class Policy:
    """Limits, targets, score bands and cadence of the OKR process (okr-domain §2 defaults)."""

    max_objectives_per_owner: int = 5
    min_objectives_per_owner: int = 2
    max_key_results_per_objective: int = 4
    min_key_results_per_objective: int = 1
    recommended_min_key_results: int = 2
    weights_total: Decimal = Decimal("100")
    bottom_up_share_target: Decimal = Decimal("0.60")
    sweet_spot_low: Decimal = Decimal("0.60")
    sweet_spot_high: Decimal = Decimal("0.70")
    ambition_warning: Decimal = Decimal("0.85")
    reconsider_below: Decimal = Decimal("0.40")
    grade_excellent: Decimal = Decimal("0.90")
    grade_good: Decimal = Decimal("0.70")
    grade_fair: Decimal = Decimal("0.60")
    grade_pass: Decimal = Decimal("0.40")
    stale_after_days: int = 7
    deadline_reminder_days: int = 3
    """Owners and approvers are reminded this many days before a deadline (okr-domain §9)."""
    at_risk_confidence: int = 4
    """A KR whose confidence stays at or below this for two weeks is at risk (weekly digest)."""
    objective_numbers: str = "any"
    """OKR lint (okr-domain §1, §10): ``require`` a number in objective titles, ``forbid`` one,
    or ``any`` (the guides disagree)."""
    publish_on: PublishOn = PublishOn.AGREED

    def violations(self) -> list[Violation]:
        """Every inconsistency of this policy (empty when it is usable)."""
        found: list[Violation] = []
        for name in _INT_FIELDS:
            value = getattr(self, name)
            if value < 1:
                found.append(_v("policy.not_positive", f"{name} must be at least 1", name))
        for name in _DECIMAL_FIELDS:
            value = getattr(self, name)
            if not value.is_finite():
                found.append(_v("policy.not_finite", f"{name} must be a finite number", name))
        if self.at_risk_confidence > 10:
            found.append(
                _v(
                    "policy.out_of_range",
                    "at_risk_confidence must lie in [1, 10]",
                    "at_risk_confidence",
                )
            )
        if found:
            return found
        if self.min_objectives_per_owner > self.max_objectives_per_owner:
            found.append(
                _v(
                    "policy.min_above_max",
                    "min_objectives_per_owner must not exceed max_objectives_per_owner",
                    "min_objectives_per_owner",
                )
            )
        if self.min_key_results_per_objective > self.max_key_results_per_objective:
            found.append(
                _v(
                    "policy.min_above_max",
                    "min_key_results_per_objective must not exceed max_key_results_per_objective",
                    "min_key_results_per_objective",
                )
            )
        if not (
            self.min_key_results_per_objective
            <= self.recommended_min_key_results
            <= self.max_key_results_per_objective
        ):
            found.append(
                _v(
                    "policy.recommended_outside_limits",
                    "recommended_min_key_results must lie between the minimum and maximum KR count",
                    "recommended_min_key_results",
                )
            )
        if self.weights_total <= _ZERO:
            found.append(
                _v("policy.not_positive", "weights_total must be positive", "weights_total")
            )
        for name in (
            "bottom_up_share_target",
            "sweet_spot_low",
            "sweet_spot_high",
            "ambition_warning",
            "reconsider_below",
        ):
            value = getattr(self, name)
            if not _ZERO <= value <= _ONE:
                found.append(_v("policy.out_of_range", f"{name} must lie in [0, 1]", name))
        if self.sweet_spot_low >= self.sweet_spot_high:
            found.append(
                _v(
                    "policy.sweet_spot_not_ordered",
                    "sweet_spot_low must be below sweet_spot_high",
                    "sweet_spot_low",
                )
            )
        bands = (
            ("grade_pass", self.grade_pass),
            ("grade_fair", self.grade_fair),
            ("grade_good", self.grade_good),
            ("grade_excellent", self.grade_excellent),
        )
        if bands[0][1] <= _ZERO:
            found.append(_v("policy.bands_not_ordered", "grade_pass must be above 0", "grade_pass"))
        for (low_name, low), (high_name, high) in zip(bands, bands[1:], strict=False):
            if not low < high:
                found.append(
                    _v(
                        "policy.bands_not_ordered",
                        f"{low_name} must be below {high_name}",
                        high_name,
                    )
                )
        if self.grade_excellent > _ONE:
            found.append(
                _v(
                    "policy.bands_not_ordered",
                    "grade_excellent must not exceed 1",
                    "grade_excellent",
                )
            )
        return found

    def changed(self, **changes: object) -> Policy:
        """A copy with the given fields changed; refuses unknown fields, wrong types, bad values."""
        coerced, problems = _coerce(changes)
        if problems:
            raise _policy_error(problems)
        candidate = dataclasses.replace(self, **coerced)  # type: ignore[arg-type]
        problems = candidate.violations()
        if problems:
            raise _policy_error(problems)
        return candidate

    def as_dict(self) -> dict[str, object]:
        """JSON-safe mapping: integers as ``int``, decimals as strings (``"0.60"``)."""
        out: dict[str, object] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, PublishOn):
                out[f.name] = value.value
            else:
                out[f.name] = str(value) if isinstance(value, Decimal) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Policy:
        """Build from a mapping like ``as_dict``'s; missing fields take their defaults."""
        return cls().changed(**dict(data))


_INT_FIELDS = tuple(f.name for f in dataclasses.fields(Policy) if f.type in ("int", int))
_DECIMAL_FIELDS = tuple(
    f.name for f in dataclasses.fields(Policy) if f.type in ("Decimal", Decimal)
)


OBJECTIVE_NUMBERS = ("require", "forbid", "any")


def _v(code: str, message: str, field: str) -> Violation:
    return Violation(code=code, message=message, field=field)


def _policy_error(problems: list[Violation]) -> DomainError:
    return PolicyViolation.from_violations(problems)


def _coerce(changes: Mapping[str, object]) -> tuple[dict[str, object], list[Violation]]:
    """Check names and types; decimals accept Decimal, int or a decimal string (never float)."""
    coerced: dict[str, object] = {}
    problems: list[Violation] = []
    for name, value in changes.items():
        if name in _INT_FIELDS:
            if isinstance(value, int) and not isinstance(value, bool):
                coerced[name] = value
            else:
                problems.append(_v("policy.wrong_type", f"{name} must be an integer", name))
        elif name in _DECIMAL_FIELDS:
            parsed = _to_decimal(value)
            if parsed is None:
                problems.append(_v("policy.wrong_type", f"{name} must be a decimal number", name))
            else:
                coerced[name] = parsed
        elif name == "objective_numbers":
            if value in OBJECTIVE_NUMBERS:
                coerced[name] = value
            else:
                problems.append(
                    _v("policy.wrong_type", f"{name} must be one of require, forbid, any", name)
                )
        elif name == "publish_on":
            choices = [p.value for p in PublishOn]
            if isinstance(value, str) and value in choices:
                coerced[name] = PublishOn(value)
            else:
                problems.append(
                    _v("policy.wrong_type", f"{name} must be one of {', '.join(choices)}", name)
                )
        else:
            problems.append(_v("policy.unknown_field", f"unknown policy field {name!r}", name))
    return coerced, problems


def _to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or isinstance(value, float):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            parsed = Decimal(value.strip())
        except InvalidOperation:
            return None
        return parsed if parsed.is_finite() else None
    return None
