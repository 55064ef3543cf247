"""SCIM 2.0 provisioning (RFC 7643/7644) onto people and org units.

A SCIM ``User`` is a person and a ``Group`` an org unit whose members are the unit's people.
Every write goes through the org services (``api.services.org``), so the identity rules, the
loop checks, the events and the revocation of tokens on deactivation are the ones of ``/v1``::

    userName             people.user_name (unique whatever its case)
    externalId           people.external_id
    active               people.active (false deactivates: tokens revoked for good)
    emails               the primary (else the work, else the first) one is people.email
    displayName, name    people.name (displayName, else name.formatted, else the parts)
    enterprise manager   people.manager_id
    the rest             people.scim (what the provider set, returned as it was set)

``DELETE`` deprovisions: the person is deactivated (never erased: their OKRs, check-ins and
reviews stay) and is no longer a SCIM resource (404 from then on). ``PATCH active=false``
deactivates and keeps the resource. Reactivating does not revive old tokens.

Lists match the whole RFC 7644 filter grammar with ``scim2-models``; equality on ``id``,
``userName``, ``externalId`` or an e-mail (also inside ``emails[...]``) narrows the candidates in
SQL first, which is what identity providers' look-ups use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from scim2_models import (
    Context,
    InvalidValueException,
    MutabilityException,
    NotFoundException,
    PatchOp,
    PreconditionFailedException,
    ScimFilter,
    SearchRequest,
    UniquenessException,
)
from scim2_models.path import (
    AttrPath,
    CompareOperator,
    Comparison,
    FilterNode,
    LogicalExpr,
    LogicalOperator,
    ValuePath,
)
from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.org import OrgUnitCreate, PersonCreate
from api.services import org
from api.services.scim_resources import (
    ENTERPRISE_SCHEMA,
    GROUP_SCHEMA,
    MAX_RESULTS,
    USER_SCHEMA,
    EnterpriseUser,
    ScimGroup,
    User,
)
from persistence.repositories.org import OrgUnitRepository, PersonRepository
from persistence.tables import OrgUnitRow, PersonRow
from persistence.types import utcnow

ACTIVE_UNSET = "active_unset"
"""Key of ``people.scim`` noting that the provider removed ``active`` (the person stays as
they were; the attribute is not returned until it is set again)."""
DEPROVISIONED = "deprovisioned"
"""Key of ``people.scim`` marking a person deleted through SCIM (kept, deactivated)."""
_OWNED_USER_KEYS = ("schemas", "id", "meta", "userName", "active", "externalId")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A list request: its filter, sort and window (1-based ``start_index``)."""

    filter: str | None = None
    sort_by: str | None = None
    descending: bool = False
    start_index: int = 1
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Listed:
    """One page of a list: the total matched and the resources of the page."""

    total: int
    start_index: int
    resources: list[Any]


def version_of(updated_at: datetime) -> str:
    """The weak ETag of a resource: its last change, to the microsecond."""
    return f'W/"{int(updated_at.timestamp() * 1_000_000):x}"'


def _check_version(updated_at: datetime, expected: str | None) -> None:
    if expected is not None and expected.strip() not in ("*", version_of(updated_at)):
        raise PreconditionFailedException(
            detail=f"the resource is at version {version_of(updated_at)}, not {expected}"
        )


def _invalid(exc: ValidationError) -> InvalidValueException:
    first = exc.errors()[0] if exc.errors() else {"msg": str(exc), "loc": ()}
    where = ".".join(str(p) for p in first.get("loc", ()))
    return InvalidValueException(detail=f"{where}: {first['msg']}" if where else first["msg"])


# -- users ---------------------------------------------------------------------------------------


def _is_user(row: PersonRow) -> bool:
    return not (row.scim or {}).get(DEPROVISIONED)


def user_of(row: PersonRow, base_url: str) -> Any:
    """The SCIM User of a person."""
    stored = dict(row.scim or {})
    marks = (DEPROVISIONED, ACTIVE_UNSET)
    data: dict[str, Any] = {key: value for key, value in stored.items() if key not in marks}
    enterprise = dict(data.pop(ENTERPRISE_SCHEMA, None) or {})
    if row.scim is None:
        data["displayName"] = row.name
        data["emails"] = [{"value": row.email, "type": "work", "primary": True}]
    if row.manager_id is not None:
        enterprise["manager"] = {
            "value": row.manager_id,
            "$ref": f"{base_url}/Users/{row.manager_id}",
        }
    else:
        enterprise.pop("manager", None)
    data.update(
        {
            "schemas": [USER_SCHEMA] + ([ENTERPRISE_SCHEMA] if enterprise else []),
            "id": row.id,
            "userName": row.user_name or row.email,
            "active": None if stored.get(ACTIVE_UNSET) else row.active,
            "externalId": row.external_id,
            "meta": {
                "resourceType": "User",
                "created": row.created_at,
                "lastModified": row.updated_at,
                "location": f"{base_url}/Users/{row.id}",
                "version": version_of(row.updated_at),
            },
        }
    )
    if enterprise:
        data[ENTERPRISE_SCHEMA] = enterprise
    return User.model_validate(data)


def _primary_email(user: Any) -> str | None:
    emails = [e for e in user.emails or [] if e.value]
    for pick in (
        lambda e: e.primary,
        lambda e: e.type == "work",
        lambda e: True,
    ):
        for email in emails:
            if pick(email):
                return str(email.value)
    if user.user_name and "@" in user.user_name:
        return str(user.user_name)
    return None


def _display_name(user: Any) -> str:
    if user.display_name:
        return str(user.display_name)
    name = user.name
    if name is not None:
        if name.formatted:
            return str(name.formatted)
        parts = [p for p in (name.given_name, name.family_name) if p]
        if parts:
            return " ".join(parts)
    return str(user.user_name)


def _person_values(user: Any) -> dict[str, Any]:
    """The columns a User sets, and the attributes kept in ``people.scim``."""
    if not user.user_name:
        raise InvalidValueException(detail="userName is required")
    email = _primary_email(user)
    if email is None:
        raise InvalidValueException(detail="a user needs an e-mail address (emails)")
    enterprise = user[EnterpriseUser]
    manager = enterprise.manager.value if enterprise and enterprise.manager else None
    dumped = user.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    kept = {k: v for k, v in dumped.items() if k not in _OWNED_USER_KEYS}
    extension = dict(kept.pop(ENTERPRISE_SCHEMA, None) or {})
    extension.pop("manager", None)
    if extension:
        kept[ENTERPRISE_SCHEMA] = extension
    if user.active is None:
        kept[ACTIVE_UNSET] = True
    return {
        "name": _display_name(user),
        "email": email,
        "external_id": user.external_id,
        "manager_id": manager,
        "active": user.active,
        "user_name": str(user.user_name),
        "scim": kept,
    }


async def _refuse_taken_user_name(
    session: AsyncSession, user_name: str, person_id: str | None
) -> None:
    other = await PersonRepository(session).find_by_user_name(user_name)
    if other is not None and other.id != person_id:
        raise UniquenessException(detail=f"userName {user_name!r} is taken")


async def _user_row(session: AsyncSession, user_id: str) -> PersonRow:
    row = await PersonRepository(session).find(user_id)
    if row is None or not _is_user(row):
        raise NotFoundException(detail=f"User {user_id} not found")
    return row


async def _check_manager(session: AsyncSession, manager_id: str | None) -> None:
    if manager_id is None:
        return
    manager = await PersonRepository(session).find(manager_id)
    if manager is None or not _is_user(manager):
        raise InvalidValueException(detail=f"manager {manager_id} is not a known User")


async def create_user(session: AsyncSession, user: Any, *, by_admin: bool, base_url: str) -> Any:
    """Provision a person (a member: SCIM never grants the admin role)."""
    values = _person_values(user)
    await _refuse_taken_user_name(session, values["user_name"], None)
    await _check_manager(session, values["manager_id"])
    try:
        body = PersonCreate(
            name=values["name"],
            email=values["email"],
            external_id=values["external_id"],
            manager_id=values["manager_id"],
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc
    public = await org.create_person(session, body, by_admin=by_admin)
    people = PersonRepository(session)
    row = await people.get(public.id)
    await people.update(row, {"user_name": values["user_name"], "scim": values["scim"]})
    if values["active"] is False:
        await org.update_person(session, row.id, {"active": False}, by_admin=by_admin)
    return user_of(row, base_url)


async def get_user(session: AsyncSession, user_id: str, *, base_url: str) -> Any:
    """One User (404 for a person deprovisioned by DELETE)."""
    return user_of(await _user_row(session, user_id), base_url)


async def _apply_user(
    session: AsyncSession, row: PersonRow, user: Any, *, by_admin: bool, base_url: str
) -> Any:
    values = _person_values(user)
    await _refuse_taken_user_name(session, values["user_name"], row.id)
    if values["manager_id"] != row.manager_id:
        await _check_manager(session, values["manager_id"])
    columns = ("name", "email", "external_id", "manager_id", "active")
    changes = {
        k: values[k]
        for k in columns
        if values[k] != getattr(row, k) and not (k == "active" and values[k] is None)
    }
    if "name" in changes or "email" in changes:
        try:
            PersonCreate(name=values["name"], email=values["email"])
        except ValidationError as exc:
            raise _invalid(exc) from exc
    if changes:
        await org.update_person(session, row.id, changes, by_admin=by_admin)
    await PersonRepository(session).update(
        row, {"user_name": values["user_name"], "scim": values["scim"]}
    )
    return user_of(row, base_url)


async def replace_user(
    session: AsyncSession,
    user_id: str,
    user: Any,
    *,
    by_admin: bool,
    base_url: str,
    expected_version: str | None,
) -> Any:
    """PUT: the User becomes what was sent (attributes left out are cleared)."""
    row = await _user_row(session, user_id)
    _check_version(row.updated_at, expected_version)
    if user.id is not None and user.id != row.id:
        raise MutabilityException(detail="id is immutable")
    return await _apply_user(session, row, user, by_admin=by_admin, base_url=base_url)


async def patch_user(
    session: AsyncSession,
    user_id: str,
    patch: PatchOp[Any],
    *,
    by_admin: bool,
    base_url: str,
    expected_version: str | None,
) -> Any:
    """PATCH: the operations applied to the current User, then stored as a whole."""
    row = await _user_row(session, user_id)
    _check_version(row.updated_at, expected_version)
    user = user_of(row, base_url)
    patch.patch(user)
    return await _apply_user(session, row, user, by_admin=by_admin, base_url=base_url)


async def delete_user(
    session: AsyncSession, user_id: str, *, by_admin: bool, expected_version: str | None
) -> None:
    """DELETE deprovisions: deactivated (tokens revoked), kept with everything they own, and no
    longer a SCIM resource."""
    row = await _user_row(session, user_id)
    _check_version(row.updated_at, expected_version)
    await org.deactivate_person(session, row.id, by_admin=by_admin)
    await PersonRepository(session).update(row, {"scim": {**(row.scim or {}), DEPROVISIONED: True}})


# -- groups --------------------------------------------------------------------------------------


def group_of(row: OrgUnitRow, members: list[PersonRow], base_url: str) -> ScimGroup:
    """The SCIM Group of an org unit."""
    data: dict[str, Any] = dict(row.scim or {})
    data.update(
        {
            "schemas": [GROUP_SCHEMA],
            "id": row.id,
            "displayName": row.name,
            "externalId": row.external_id,
            "members": [
                {
                    "value": p.id,
                    "$ref": f"{base_url}/Users/{p.id}",
                    "type": "User",
                }
                for p in members
                if _is_user(p)
            ]
            or None,
            "meta": {
                "resourceType": "Group",
                "created": row.created_at,
                "lastModified": row.updated_at,
                "location": f"{base_url}/Groups/{row.id}",
                "version": version_of(row.updated_at),
            },
        }
    )
    return ScimGroup.model_validate(data)


async def _group_row(session: AsyncSession, group_id: str) -> OrgUnitRow:
    row = await OrgUnitRepository(session).find(group_id)
    if row is None:
        raise NotFoundException(detail=f"Group {group_id} not found")
    return row


def _member_ids(group: ScimGroup) -> list[str]:
    out: list[str] = []
    for member in group.members or []:
        value = member.value or (member.ref.rsplit("/", 1)[-1] if member.ref else None)
        if not value:
            raise InvalidValueException(detail="a member needs a value (the User's id)")
        if member.type not in (None, "User"):
            raise InvalidValueException(detail="only Users can be members of a Group")
        if value not in out:
            out.append(value)
    return out


async def _set_members(
    session: AsyncSession, unit: OrgUnitRow, member_ids: list[str], *, by_admin: bool
) -> None:
    """The unit's people become exactly ``member_ids`` (a person is in one unit: joining moves
    them from their former unit; leaving leaves them without one)."""
    people = PersonRepository(session)
    wanted = {p.id: p for p in await people.by_ids(member_ids) if _is_user(p)}
    unknown = [m for m in member_ids if m not in wanted]
    if unknown:
        raise InvalidValueException(detail=f"members {', '.join(unknown)} are not known Users")
    current = {p.id for p in await people.in_units([unit.id]) if _is_user(p)}
    for person_id in current - set(wanted):
        await org.update_person(session, person_id, {"unit_id": None}, by_admin=by_admin)
    for person_id in member_ids:
        if person_id not in current:
            await org.update_person(session, person_id, {"unit_id": unit.id}, by_admin=by_admin)
    if current != set(wanted):
        await OrgUnitRepository(session).update(unit, {"updated_at": utcnow()})


def _group_extra(group: ScimGroup) -> dict[str, Any]:
    dumped = group.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    owned = ("schemas", "id", "meta", "displayName", "externalId", "members")
    return {k: v for k, v in dumped.items() if k not in owned}


async def create_group(
    session: AsyncSession, group: ScimGroup, *, by_admin: bool, base_url: str
) -> ScimGroup:
    """A new org unit under the root (the first one becomes the root), with its members."""
    if not group.display_name:
        raise InvalidValueException(detail="displayName is required")
    members = _member_ids(group)
    units = OrgUnitRepository(session)
    try:
        body = OrgUnitCreate(
            name=group.display_name, parent_id=await units.root_id(), external_id=group.external_id
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc
    public = await org.create_org_unit(session, body)
    row = await units.get(public.id)
    await units.update(row, {"scim": _group_extra(group)})
    await _set_members(session, row, members, by_admin=by_admin)
    return group_of(row, await PersonRepository(session).in_units([row.id]), base_url)


async def get_group(session: AsyncSession, group_id: str, *, base_url: str) -> ScimGroup:
    """One Group."""
    row = await _group_row(session, group_id)
    return group_of(row, await PersonRepository(session).in_units([row.id]), base_url)


async def _apply_group(
    session: AsyncSession, row: OrgUnitRow, group: ScimGroup, *, by_admin: bool, base_url: str
) -> ScimGroup:
    if not group.display_name:
        raise InvalidValueException(detail="displayName is required")
    members = _member_ids(group)
    changes: dict[str, Any] = {}
    if group.display_name != row.name:
        changes["name"] = group.display_name
    if group.external_id != row.external_id:
        changes["external_id"] = group.external_id
    if changes:
        try:
            OrgUnitCreate(name=group.display_name, external_id=group.external_id)
        except ValidationError as exc:
            raise _invalid(exc) from exc
        await org.update_org_unit(session, row.id, changes)
    await OrgUnitRepository(session).update(row, {"scim": _group_extra(group)})
    await _set_members(session, row, members, by_admin=by_admin)
    return group_of(row, await PersonRepository(session).in_units([row.id]), base_url)


async def replace_group(
    session: AsyncSession,
    group_id: str,
    group: ScimGroup,
    *,
    by_admin: bool,
    base_url: str,
    expected_version: str | None,
) -> ScimGroup:
    """PUT a Group: its name, external id and members become what was sent."""
    row = await _group_row(session, group_id)
    _check_version(row.updated_at, expected_version)
    return await _apply_group(session, row, group, by_admin=by_admin, base_url=base_url)


async def patch_group(
    session: AsyncSession,
    group_id: str,
    patch: PatchOp[Any],
    *,
    by_admin: bool,
    base_url: str,
    expected_version: str | None,
) -> ScimGroup:
    """PATCH a Group (members add and remove, value paths included)."""
    row = await _group_row(session, group_id)
    _check_version(row.updated_at, expected_version)
    group = group_of(row, await PersonRepository(session).in_units([row.id]), base_url)
    patch.patch(group)
    return await _apply_group(session, row, group, by_admin=by_admin, base_url=base_url)


async def delete_group(
    session: AsyncSession, group_id: str, *, by_admin: bool, expected_version: str | None
) -> None:
    """DELETE a Group: its people leave it, then the unit goes (refused while it has child
    units or objectives, which keep their history)."""
    row = await _group_row(session, group_id)
    _check_version(row.updated_at, expected_version)
    await _set_members(session, row, [], by_admin=by_admin)
    await org.delete_org_unit(session, row.id)


# -- lists ---------------------------------------------------------------------------------------

_NARROWING = {
    USER_SCHEMA: {"id": "id", "username": "user_name", "externalid": "external_id"},
    GROUP_SCHEMA: {"id": "id", "externalid": "external_id", "displayname": "name"},
}


def _narrow(node: FilterNode, schema: str) -> dict[str, str]:
    """Equalities the filter implies on indexed columns (a superset of its matches)."""
    names = _NARROWING[schema]
    if isinstance(node, Comparison) and node.op is CompareOperator.eq:
        if not isinstance(node.value, str) or node.attr_path.uri not in (None, schema):
            return {}
        path: AttrPath = node.attr_path
        if path.sub_attr is None and path.attr.lower() in names:
            return {names[path.attr.lower()]: node.value}
        if schema == USER_SCHEMA and path.attr.lower() == "emails":
            if path.sub_attr in (None, "value"):
                return {"email": node.value}
        return {}
    if isinstance(node, LogicalExpr) and node.op is LogicalOperator.and_:
        out: dict[str, str] = {}
        for term in node.terms:
            for key, value in _narrow(term, schema).items():
                out.setdefault(key, value)
        return out
    if isinstance(node, ValuePath) and schema == USER_SCHEMA:
        if node.attr_path.attr.lower() == "emails":
            inner = node.val_filter
            terms = inner.terms if isinstance(inner, LogicalExpr) else (inner,)
            if isinstance(inner, LogicalExpr) and inner.op is not LogicalOperator.and_:
                return {}
            for term in terms:
                if (
                    isinstance(term, Comparison)
                    and term.op is CompareOperator.eq
                    and term.attr_path.attr.lower() == "value"
                    and isinstance(term.value, str)
                ):
                    return {"email": term.value}
    return {}


def _window(query: ListQuery, matched: list[Any], model: Any) -> Listed:
    if query.sort_by:
        request = SearchRequest[model](
            sort_by=query.sort_by, sort_order="descending" if query.descending else "ascending"
        )
        matched = request.sort(matched)
    start = max(1, query.start_index)
    count = MAX_RESULTS if query.count is None else max(0, min(query.count, MAX_RESULTS))
    return Listed(len(matched), start, matched[start - 1 : start - 1 + count])


def bind_filter(expression: str, model: Any) -> ScimFilter[Any]:
    """The filter parsed and checked against the resource model (``invalidFilter`` if not)."""
    return ScimFilter[model](expression)


async def list_users(session: AsyncSession, query: ListQuery, *, base_url: str) -> Listed:
    """Users matching the filter, sorted, one window of them."""
    parsed = bind_filter(query.filter, User) if query.filter else None
    narrow = _narrow(parsed.ast, USER_SCHEMA) if parsed is not None else None
    rows = [r for r in await PersonRepository(session).lookup(narrow) if _is_user(r)]
    users = [user_of(r, base_url) for r in rows]
    if parsed is not None:
        users = [u for u in users if parsed.match(u)]
    return _window(query, users, User)


async def list_groups(session: AsyncSession, query: ListQuery, *, base_url: str) -> Listed:
    """Groups matching the filter, sorted, one window of them."""
    parsed = bind_filter(query.filter, ScimGroup) if query.filter else None
    narrow = _narrow(parsed.ast, GROUP_SCHEMA) if parsed is not None else None
    units = await OrgUnitRepository(session).lookup(narrow)
    people = await PersonRepository(session).in_units([u.id for u in units])
    by_unit: dict[str, list[PersonRow]] = {}
    for person in people:
        by_unit.setdefault(str(person.unit_id), []).append(person)
    groups = [group_of(u, by_unit.get(u.id, []), base_url) for u in units]
    if parsed is not None:
        groups = [g for g in groups if parsed.match(g)]
    return _window(query, groups, ScimGroup)
