"""The access rules (domain.access): who sees drafts, reviews and events, and the scope table."""

import pytest

from domain.access import (
    Audience,
    Viewer,
    event_audience,
    has_scope,
    is_draft_reader,
    is_published,
    manages_all_okrs,
    may_see_event,
    may_see_objective,
    may_see_review,
    needs_org_chart,
    publication_depends_on_policy,
    required_scopes,
    sees_everything,
)
from domain.model import ObjectiveState, OwnerType, PublishOn, ReviewState, Role
from tests.support.orgdata import org_chart


def person(pid: str, role: Role = Role.MEMBER) -> Viewer:
    return Viewer(id=pid, is_person=True, role=role)


def key(*scopes: str) -> Viewer:
    return Viewer(id="key-1", is_person=False, scopes=frozenset(scopes))


def readers(owner_type: OwnerType, owner_id: str) -> set[str]:
    org = org_chart()
    return {
        p.id
        for p in org.people.values()
        if is_draft_reader(org, person(p.id, p.role), owner_type, owner_id)
    }


def test_a_persons_drafts_are_read_by_them_their_manager_chain_and_admins() -> None:
    assert readers(OwnerType.PERSON, "ana") == {"ana", "lead", "vp", "ceo", "admin"}


def test_a_units_drafts_are_read_by_its_head_the_heads_above_and_admins() -> None:
    assert readers(OwnerType.UNIT, "east") == {"lead", "vp", "ceo", "admin"}
    assert readers(OwnerType.UNIT, "ops") == {"opsboss", "ceo", "admin"}


@pytest.mark.parametrize(
    ("publish_on", "peer_sees"),
    [
        (PublishOn.AGREED, [False, False, True, True]),
        (PublishOn.PROPOSED, [False, True, True, True]),
    ],
)
def test_a_peer_does_not_read_a_draft_but_sees_it_once_published(
    publish_on: PublishOn, peer_sees: list[bool]
) -> None:
    org = org_chart()
    states = (
        ObjectiveState.DRAFT,
        ObjectiveState.PROPOSED,
        ObjectiveState.AGREED,
        ObjectiveState.CANCELLED,
    )

    def sees(who: str, state: ObjectiveState) -> bool:
        return may_see_objective(
            org,
            person(who),
            owner_type=OwnerType.PERSON,
            owner_id="ana",
            state=state,
            publish_on=publish_on,
        )

    assert [sees("bob", state) for state in states] == peer_sees
    # the approver (ana's manager) and the owner see it before publication too
    assert all(sees("lead", state) and sees("ana", state) for state in states)
    assert [is_published(state, publish_on) for state in states] == peer_sees


def test_only_the_proposed_state_depends_on_the_policy() -> None:
    assert [s for s in ObjectiveState if publication_depends_on_policy(s)] == [
        ObjectiveState.PROPOSED
    ]


def test_admin_and_okrs_write_keys_manage_all_okrs_other_keys_read_no_draft() -> None:
    org = org_chart()

    def sees_draft(viewer: Viewer) -> bool:
        return may_see_objective(
            org,
            viewer,
            owner_type=OwnerType.PERSON,
            owner_id="ana",
            state=ObjectiveState.DRAFT,
            publish_on=PublishOn.AGREED,
        )

    assert sees_draft(key("admin")) and sees_everything(key("admin"))
    assert sees_draft(key("okrs:write")) and manages_all_okrs(key("okrs:write"))
    assert not sees_everything(key("okrs:write"))  # no credentials, policy or audit events
    for scopes in (("okrs:read",), ("metrics:write",), ("org:write",)):
        assert not sees_draft(key(*scopes)) and not manages_all_okrs(key(*scopes))


def test_an_okrs_write_key_sees_objective_events_but_not_admin_ones() -> None:
    writer = key("okrs:write")

    assert may_see_event(writer, Audience.OBJECTIVE, objectives_visible=False, review_visible=False)
    assert not may_see_event(writer, Audience.ADMIN, objectives_visible=True, review_visible=True)


def test_a_key_id_that_equals_a_person_id_reads_nothing_of_theirs() -> None:
    org = org_chart()
    impostor = Viewer(id="ana", is_person=False, scopes=frozenset({"okrs:read"}))

    assert not is_draft_reader(org, impostor, OwnerType.PERSON, "ana")


def test_only_a_published_objective_read_by_a_non_admin_skips_the_org_chart() -> None:
    agreed, proposed = PublishOn.AGREED, PublishOn.PROPOSED
    assert needs_org_chart(person("bob"), ObjectiveState.DRAFT, agreed)
    assert needs_org_chart(person("bob"), ObjectiveState.PROPOSED, agreed)
    assert not needs_org_chart(person("bob"), ObjectiveState.PROPOSED, proposed)
    assert not needs_org_chart(person("bob"), ObjectiveState.AGREED, agreed)
    assert not needs_org_chart(person("admin", Role.ADMIN), ObjectiveState.DRAFT, agreed)


@pytest.mark.parametrize(
    ("state", "peer_sees"),
    [(ReviewState.DRAFT, False), (ReviewState.SUBMITTED, True), (ReviewState.CONFIRMED, True)],
)
def test_a_review_is_hidden_from_peers_until_submitted(state: ReviewState, peer_sees: bool) -> None:
    org = org_chart()
    facts = {
        "review_state": state,
        "owner_type": OwnerType.PERSON,
        "owner_id": "ana",
        "objective_state": ObjectiveState.AGREED,
        "publish_on": PublishOn.AGREED,
    }

    assert may_see_review(org, person("bob"), **facts) is peer_sees  # type: ignore[arg-type]
    assert may_see_review(org, person("lead"), **facts) is True  # type: ignore[arg-type]
    assert may_see_review(org, person("ana"), **facts) is True  # type: ignore[arg-type]


def test_events_follow_their_entity_and_unknown_kinds_are_for_admins() -> None:
    member = person("bob")

    audiences = {e: event_audience(e) for e in ("key_result", "review", "cycle", "token", "x")}

    assert audiences == {
        "key_result": Audience.OBJECTIVE,
        "review": Audience.REVIEW,
        "cycle": Audience.PUBLIC,
        "token": Audience.ADMIN,
        "x": Audience.ADMIN,
    }
    for entity in ("token", "api_key", "policy", "audit_event", "webhook"):
        audience = event_audience(entity)
        assert not may_see_event(member, audience, objectives_visible=True, review_visible=True)
        assert may_see_event(key("admin"), audience, objectives_visible=False, review_visible=False)
    assert not may_see_event(
        member, Audience.OBJECTIVE, objectives_visible=False, review_visible=True
    )


@pytest.mark.parametrize(
    ("method", "path", "scopes"),
    [
        ("GET", "/v1/objectives", ("okrs:read",)),
        ("GET", "/v1/policy", ("okrs:read",)),
        ("PATCH", "/v1/policy", ("admin",)),
        ("POST", "/v1/cycles", ("admin",)),
        ("POST", "/v1/cycles/{cycle_id}/activate", ("admin",)),
        ("DELETE", "/v1/cycles/{cycle_id}", ("admin",)),
        ("GET", "/v1/cycles/{cycle_id}/report", ("okrs:read",)),
        ("POST", "/v1/people", ("org:write",)),
        ("POST", "/v1/people/{person_id}/tokens", ("admin",)),
        ("POST", "/v1/check-ins/batch", ("metrics:write", "okrs:write")),
        ("POST", "/v1/objectives", ("okrs:write",)),
        ("GET", "/v1/audit-events", ("admin",)),
    ],
)
def test_the_scope_table(method: str, path: str, scopes: tuple[str, ...]) -> None:
    rule = required_scopes(method, path)

    assert rule.scopes == scopes
    assert has_scope(key(scopes[0]), rule)
    assert has_scope(key("admin"), rule)
    assert has_scope(person("bob"), rule)
    others = {"okrs:read", "okrs:write", "metrics:write", "org:write"} - set(scopes)
    assert not has_scope(key(*others), rule)
