"""Who may see and do what: the one home of the access rules (api.md "Who may do what").

Every read path asks this module, and ``persistence.visibility`` mirrors the same rules in SQL for
the paths that filter in the database (lists, the graph, reports, exports, the feed)::

    Viewer                     who asks: a person (by id and role) or a service key (by scopes)
    sees_everything(viewer)    admins: an admin person or an ``admin``-scope key
    manages_all_okrs(viewer)   admins, and ``okrs:write`` keys for OKR data
    check_can_approve          approvers (never the owner), admins, OKR-managing keys
    draft_readers              owner side, their manager chain, admins
    is_published               the objective states everyone sees, by policy ``publish_on``
    may_see_objective          published (okr-domain §4) or a draft reader
    may_see_review             submitted or confirmed, or a draft reader of the objective
    may_see_inbox              a person's inbox: the person, their manager chain, admins
    event_audience             which rule an event of the change feed follows
    required_scopes            the scope table: what a service key needs for an operation

An objective that is not yet published (a draft) is visible to its *owner side* (the person; for a
unit's objective, the unit's head), the owner's *manager chain* (for a unit: the heads of the units
above) and admins; everything that hangs under it (KRs, check-ins, initiatives, dependencies,
alignments, change requests, its review, its events) follows it. Whoever may not see a thing is
told it does not exist, with the same answer as for an unknown id.

A service key names no person: unless it has the ``admin`` scope it sees what any member sees
who owns and manages nothing (the published OKRs, the organisation, cycles).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from domain.errors import PermissionDenied
from domain.model import Objective, ObjectiveState, OwnerType, PublishOn, ReviewState, Role
from domain.org import OrgChart

SCOPES = ("metrics:write", "okrs:read", "okrs:write", "org:write", "scim", "admin")
"""Every scope a service key can hold."""

ALL_SCOPES = frozenset(SCOPES)

PUBLISHED_STATES: dict[PublishOn, frozenset[ObjectiveState]] = {
    PublishOn.AGREED: frozenset({ObjectiveState.AGREED, ObjectiveState.CANCELLED}),
    PublishOn.PROPOSED: frozenset(
        {ObjectiveState.PROPOSED, ObjectiveState.AGREED, ObjectiveState.CANCELLED}
    ),
}
"""Objective states that every reader sees, by the policy's ``publish_on`` (okr-domain §4);
before publication an objective is seen as a draft is, by its draft readers only (its approver
is one of them: the owner's manager, the head of the parent unit, or an admin)."""

PUBLIC_REVIEW_STATES = frozenset({ReviewState.SUBMITTED, ReviewState.CONFIRMED})
"""Review states that every reader of the objective sees (okr-domain §7: 详尽分析说明后公示)."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who asks: a person (their id and role) or a service key (its id and scopes)."""

    id: str
    is_person: bool
    role: Role = Role.MEMBER
    scopes: frozenset[str] = field(default=ALL_SCOPES)

    @property
    def person_id(self) -> str | None:
        """The person asking; None for a service key."""
        return self.id if self.is_person else None


def sees_everything(viewer: Viewer) -> bool:
    """An admin person, or a service key with the ``admin`` scope."""
    if viewer.is_person:
        return viewer.role is Role.ADMIN
    return "admin" in viewer.scopes


def manages_all_okrs(viewer: Viewer) -> bool:
    """Admins, and service keys with ``okrs:write``: they see and act on every objective, KR,
    alignment, dependency, initiative, check-in and review as an admin would (not on cycles,
    policy, people or credentials)."""
    return sees_everything(viewer) or (not viewer.is_person and "okrs:write" in viewer.scopes)


def check_can_approve(org: OrgChart, viewer: Viewer, objective: Objective) -> None:
    """Approve, return or cancel an objective, decide its change requests, confirm or return
    its review: its approver or an admin, never its owner (``OrgChart.check_can_approve``); a
    service key that manages all OKRs acts as an admin, any other key is no approver."""
    if viewer.is_person:
        org.check_can_approve(objective, viewer.id)
    elif not manages_all_okrs(viewer):
        raise PermissionDenied(
            f"service {viewer.id} is not an approver of objective {objective.id}",
            code="objective.not_approver",
            field="actor_id",
        )


def is_owner_side(org: OrgChart, owner_type: OwnerType, owner_id: str, person_id: str) -> bool:
    """The owning person, or the head of the owning unit."""
    return person_id in org.owner_person_ids(owner_type, owner_id)


def is_above_owner(org: OrgChart, owner_type: OwnerType, owner_id: str, person_id: str) -> bool:
    """The owner's manager chain (for a unit: the heads of the units above)."""
    if owner_type is OwnerType.PERSON:
        return person_id in org.manager_chain(owner_id)
    return person_id in org.heads_above(owner_id)


def is_draft_reader(org: OrgChart, viewer: Viewer, owner_type: OwnerType, owner_id: str) -> bool:
    """Owner side, their manager chain, or an admin: who sees (and works on) an owner's drafts."""
    if manages_all_okrs(viewer):
        return True
    person = viewer.person_id
    if person is None:
        return False
    return is_owner_side(org, owner_type, owner_id, person) or is_above_owner(
        org, owner_type, owner_id, person
    )


def may_see_inbox(org: OrgChart, viewer: Viewer, person_id: str) -> bool:
    """A person's inbox (what they owe, okr-domain §9): the person, their manager chain and
    admins."""
    if sees_everything(viewer):
        return True
    asker = viewer.person_id
    return asker is not None and (asker == person_id or asker in org.manager_chain(person_id))


def is_published(state: ObjectiveState, publish_on: PublishOn) -> bool:
    """Whether an objective in this state is public under the policy's ``publish_on``."""
    return state in PUBLISHED_STATES[publish_on]


def publication_depends_on_policy(state: ObjectiveState) -> bool:
    """Whether ``is_published`` of this state depends on ``publish_on`` (so the policy must be
    read to decide it); for the other states any value gives the same answer."""
    return len({is_published(state, p) for p in PublishOn}) > 1


def may_see_objective(
    org: OrgChart,
    viewer: Viewer,
    *,
    owner_type: OwnerType,
    owner_id: str,
    state: ObjectiveState,
    publish_on: PublishOn,
) -> bool:
    """Published objectives for everyone; the others for their draft readers."""
    return is_published(state, publish_on) or is_draft_reader(org, viewer, owner_type, owner_id)


def needs_org_chart(viewer: Viewer, state: ObjectiveState, publish_on: PublishOn) -> bool:
    """Whether deciding ``may_see_objective`` needs the org chart (an admin or a published
    objective is decided without it)."""
    return not (manages_all_okrs(viewer) or is_published(state, publish_on))


def may_see_review(
    org: OrgChart,
    viewer: Viewer,
    *,
    review_state: ReviewState,
    owner_type: OwnerType,
    owner_id: str,
    objective_state: ObjectiveState,
    publish_on: PublishOn,
) -> bool:
    """A review follows its objective; until submitted, only the draft readers see it."""
    if not may_see_objective(
        org,
        viewer,
        owner_type=owner_type,
        owner_id=owner_id,
        state=objective_state,
        publish_on=publish_on,
    ):
        return False
    return review_state in PUBLIC_REVIEW_STATES or is_draft_reader(
        org, viewer, owner_type, owner_id
    )


class Audience(enum.StrEnum):
    """Which rule decides who sees an event of the change feed."""

    PUBLIC = "public"
    """Every reader (cycles, the organisation)."""
    OBJECTIVE = "objective"
    """Whoever sees the objective(s) the event is about (and its related objective, if any)."""
    REVIEW = "review"
    """Whoever sees the review the event is about."""
    ADMIN = "admin"
    """Admins only (credentials, policy, the audit trail, webhooks)."""


_ADMIN_ENTITIES = frozenset({"token", "api_key", "policy", "audit_event", "webhook"})
_OBJECTIVE_ENTITIES = frozenset(
    {
        "objective",
        "key_result",
        "check_in",
        "initiative",
        "alignment",
        "dependency",
        "change_request",
        "deadline",
    }
)
_PUBLIC_ENTITIES = frozenset({"cycle", "org_unit", "person"})


def event_audience(entity: str) -> Audience:
    """The audience of an event about ``entity``; unknown kinds are admin-only (deny by default)."""
    if entity in _OBJECTIVE_ENTITIES:
        return Audience.OBJECTIVE
    if entity == "review":
        return Audience.REVIEW
    if entity in _PUBLIC_ENTITIES:
        return Audience.PUBLIC
    return Audience.ADMIN


def may_see_event(
    viewer: Viewer, audience: Audience, *, objectives_visible: bool, review_visible: bool
) -> bool:
    """Whether the viewer sees an event, given what the viewer sees of its entity."""
    if sees_everything(viewer):
        return True
    if audience is Audience.ADMIN:
        return False
    if audience is Audience.PUBLIC or manages_all_okrs(viewer):
        return True
    if audience is Audience.OBJECTIVE:
        return objectives_visible
    return review_visible


def subscription_viewer(webhook_id: str) -> Viewer:
    """Whom a webhook subscription receives events as.

    Subscriptions are created and managed with the ``admin`` scope only, so a subscription sees
    what an admin sees: every event of the feed, admin-only ones (credentials, policy, webhooks)
    included, each passed through ``may_see_event``. No event carries a credential's secret,
    hash or prefix, nor any subscription's signing secret, so none can reach a receiver."""
    return Viewer(id=f"webhook:{webhook_id}", is_person=False, scopes=frozenset({"admin"}))


# -- the scope table ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScopeRule:
    """What a service key needs for one operation: one of ``scopes`` (``admin`` holds them all)."""

    scopes: tuple[str, ...]
    rate_limited: bool = False

    @property
    def label(self) -> str:
        """The scopes as a message names them: ``a`` or ``a or b``."""
        return " or ".join(self.scopes)


ADMIN_PREFIXES = ("/v1/api-keys", "/v1/audit-events", "/v1/webhooks")
"""Reads and writes of these need the ``admin`` scope (and people the admin role)."""
ADMIN_WRITE_PREFIXES = ("/v1/cycles", "/v1/policy")
"""Writes of these need the ``admin`` scope; reads are ``okrs:read``."""
ORG_PREFIXES = ("/v1/org-units", "/v1/people", "/v1/org")
SCIM_PREFIX = "/scim/v2"
"""SCIM 2.0 provisioning (RFC 7644): every operation, reads included, needs ``scim`` or
``org:write`` (and people the admin role); it never grants or removes the admin role."""
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def is_check_in_push(method: str, path: str) -> bool:
    """Whether the operation pushes check-ins (single or batch)."""
    return method == "POST" and (path == "/v1/check-ins/batch" or path.endswith("/check-ins"))


def required_scopes(method: str, path: str) -> ScopeRule:
    """The scope rule of an operation, by method and path template (``/v1/x/{x_id}``)."""
    method = method.upper()
    if _under(path, (SCIM_PREFIX,)):
        return ScopeRule(("scim", "org:write"))
    if _under(path, ADMIN_PREFIXES) or "/tokens" in path:
        return ScopeRule(("admin",))
    if method in READ_METHODS:
        return ScopeRule(("okrs:read",))
    if is_check_in_push(method, path):
        return ScopeRule(("metrics:write", "okrs:write"), rate_limited=True)
    if _under(path, ADMIN_WRITE_PREFIXES):
        return ScopeRule(("admin",))
    if _under(path, ORG_PREFIXES):
        return ScopeRule(("org:write",))
    return ScopeRule(("okrs:write",))


def has_scope(viewer: Viewer, rule: ScopeRule) -> bool:
    """Whether the viewer passes the rule: a person always (roles are checked by the rules of
    each action), a service key when it holds one of the scopes or ``admin``."""
    if viewer.is_person:
        return True
    return "admin" in viewer.scopes or any(s in viewer.scopes for s in rule.scopes)


# -- check-in voids ---------------------------------------------------------------------------


def may_void_check_in(
    org: OrgChart, viewer: Viewer, owner_type: OwnerType, owner_id: str, author_id: str | None
) -> bool:
    """Who voids a check-in: its author, the KR's owner side (the person, or the unit's head),
    admins and service keys that manage all OKRs."""
    if manages_all_okrs(viewer):
        return True
    person = viewer.person_id
    if person is None:
        return False
    return person == author_id or is_owner_side(org, owner_type, owner_id, person)


def check_may_void_check_in(
    org: OrgChart,
    viewer: Viewer,
    objective: Objective,
    *,
    check_in_id: str,
    author_id: str | None,
) -> None:
    """403 unless ``may_void_check_in``."""
    if not may_void_check_in(org, viewer, objective.owner_type, objective.owner_id, author_id):
        raise PermissionDenied(
            f"{viewer.id} may not void check-in {check_in_id}: its author, the key result's "
            "owner (unit: its head) and admins may",
            code="check_in.void_denied",
            field="check_in_id",
        )
