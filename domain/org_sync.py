"""A full HR snapshot of units and people, keyed by ``external_id``, turned into a diff.

``parse_json`` and ``parse_csv`` read a snapshot and name every malformed row; ``plan_sync``
compares it with the organisation as it is and returns the changes (create, update, move,
deactivate, reactivate), or refuses with every problem at once, each with its row::

    JSON  {"units": [{"external_id", "name", "parent_external_id", "head_external_id"}],
           "people": [{"external_id", "name", "email", "unit_external_id",
                       "manager_external_id", "active"}]}
    CSV   kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,
          manager_external_id,active            (kind: unit or person; active: true or false)

Rows are numbered from 1 in each list (JSON: ``units[0]`` is row 1) and by line in a CSV file
(the header is line 1). References (parent, head, unit, manager) name external ids of the
snapshot or of what exists already. People with an external id who are missing from the snapshot
are deactivated; units missing from it are left as they are. A loop in the unit tree or in the
reporting lines is refused with the loop named. Only an admin's sync changes an admin's e-mail or
active flag, and the organisation keeps an active admin; a sync never grants or removes the admin
role.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.errors import InvalidInput, PermissionDenied, RuleViolation, Violation

CSV_HEADER = (
    "kind",
    "external_id",
    "name",
    "email",
    "parent_external_id",
    "head_external_id",
    "unit_external_id",
    "manager_external_id",
    "active",
)
UNIT_FIELDS = ("external_id", "name", "parent_external_id", "head_external_id")
PERSON_FIELDS = (
    "external_id",
    "name",
    "email",
    "unit_external_id",
    "manager_external_id",
    "active",
)
MAX_TEXT = 200
MAX_EMAIL = 320


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """A unit of the snapshot."""

    row: str
    external_id: str
    name: str
    parent_external_id: str | None = None
    head_external_id: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person of the snapshot."""

    row: str
    external_id: str
    name: str
    email: str
    unit_external_id: str | None = None
    manager_external_id: str | None = None
    active: bool = True


@dataclass(slots=True)
class Snapshot:
    """What the HR system says the organisation is."""

    units: list[UnitRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CurrentUnit:
    """A unit as it is now."""

    id: str
    name: str
    parent_id: str | None
    head_id: str | None
    external_id: str | None


@dataclass(frozen=True, slots=True)
class CurrentPerson:
    """A person as they are now."""

    id: str
    name: str
    email: str
    unit_id: str | None
    manager_id: str | None
    external_id: str | None
    active: bool
    is_admin: bool


@dataclass(frozen=True, slots=True)
class Change:
    """One change of the diff: what, whom, how, and the fields it sets (new values)."""

    entity: str
    """``unit`` or ``person``."""
    id: str
    external_id: str
    action: str
    """``create``, ``update``, ``move``, ``deactivate`` or ``reactivate``."""
    values: Mapping[str, Any]


@dataclass(slots=True)
class Plan:
    """The diff, in the order it can be written."""

    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> dict[str, int]:
        """How many changes of each kind (``people_moved``...), and how many rows are unchanged."""
        counts: dict[str, int] = {
            f"{entity}_{action}": 0
            for entity in ("units", "people")
            for action in ("created", "updated", "moved", "deactivated", "reactivated")
        }
        words = {
            "create": "created",
            "update": "updated",
            "move": "moved",
            "deactivate": "deactivated",
            "reactivate": "reactivated",
        }
        for change in self.changes:
            entity = "units" if change.entity == "unit" else "people"
            counts[f"{entity}_{words[change.action]}"] += 1
        counts["unchanged"] = self.unchanged
        return counts


# -- reading a snapshot --------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _check_text(
    problems: list[Violation], row: str, name: str, value: Any, *, required: bool, limit: int
) -> str | None:
    if value is not None and not isinstance(value, str):
        problems.append(
            Violation("sync.invalid_value", f"{row}: {name} must be text", f"{row}.{name}")
        )
        return None
    text = _text(value)
    if text is None and required:
        problems.append(
            Violation("sync.missing_value", f"{row}: {name} is required", f"{row}.{name}")
        )
    elif text is not None and (len(text) > limit or any(ord(c) < 32 for c in text)):
        problems.append(
            Violation(
                "sync.invalid_value",
                f"{row}: {name} must be at most {limit} characters without control characters",
                f"{row}.{name}",
            )
        )
        return None
    return text


def _unit(row: str, data: Mapping[str, Any], problems: list[Violation]) -> UnitRecord | None:
    before = len(problems)
    values = {
        name: _check_text(
            problems,
            row,
            name,
            data.get(name),
            required=name in ("external_id", "name"),
            limit=MAX_TEXT,
        )
        for name in UNIT_FIELDS
    }
    if len(problems) > before:
        return None
    return UnitRecord(row=row, **values)  # type: ignore[arg-type]


def _active(row: str, value: Any, problems: list[Violation]) -> bool:
    if value is None or value == "" or value is True or value is False:
        return value is not False
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    problems.append(
        Violation("sync.invalid_value", f"{row}: active must be true or false", f"{row}.active")
    )
    return True


def _person(row: str, data: Mapping[str, Any], problems: list[Violation]) -> PersonRecord | None:
    before = len(problems)
    values: dict[str, Any] = {}
    for name in PERSON_FIELDS[:-1]:
        required = name in ("external_id", "name", "email")
        limit = MAX_EMAIL if name == "email" else MAX_TEXT
        values[name] = _check_text(
            problems, row, name, data.get(name), required=required, limit=limit
        )
    email = values["email"]
    if email is not None and (
        email.count("@") != 1 or " " in email or email.startswith("@") or email.endswith("@")
    ):
        problems.append(
            Violation(
                "sync.invalid_email", f"{row}: {email!r} is not an e-mail address", f"{row}.email"
            )
        )
    active = _active(row, data.get("active"), problems)
    if len(problems) > before:
        return None
    return PersonRecord(row=row, active=active, **values)


def parse_json(document: Any) -> Snapshot:
    """A snapshot from its JSON form; ``InvalidInput`` naming every malformed row."""
    problems: list[Violation] = []
    snapshot = Snapshot()
    if not isinstance(document, dict):
        raise InvalidInput(
            'a snapshot is an object with the lists "units" and "people"',
            code="sync.invalid_snapshot",
        )
    for unknown in sorted(set(document) - {"units", "people"}):
        problems.append(
            Violation(
                "sync.unknown_field",
                f'unknown field {unknown!r}: a snapshot has the lists "units" and "people"',
                unknown,
            )
        )
    for key in ("units", "people"):
        items = document.get(key, [])
        if not isinstance(items, list):
            problems.append(Violation("sync.invalid_snapshot", f"{key} must be a list", key))
            continue
        fields = UNIT_FIELDS if key == "units" else PERSON_FIELDS
        for index, item in enumerate(items):
            row = f"{key}[{index}]"
            if not isinstance(item, dict):
                problems.append(Violation("sync.invalid_value", f"{row} must be an object", row))
                continue
            unknown = sorted(set(item) - set(fields))
            if unknown:
                problems.append(
                    Violation(
                        "sync.unknown_field", f"{row}: unknown fields {', '.join(unknown)}", row
                    )
                )
                continue
            if key == "units":
                unit = _unit(row, item, problems)
                if unit is not None:
                    snapshot.units.append(unit)
            else:
                person = _person(row, item, problems)
                if person is not None:
                    snapshot.people.append(person)
    if problems:
        raise InvalidInput.from_violations(problems, code="sync.invalid_snapshot")
    return snapshot


def parse_csv(text: str) -> Snapshot:
    """A snapshot from its CSV form (``CSV_HEADER``); ``InvalidInput`` naming every bad line."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != CSV_HEADER:
        raise InvalidInput(
            f"the first line must be the header {','.join(CSV_HEADER)}",
            code="sync.invalid_header",
            field="line 1",
        )
    problems: list[Violation] = []
    snapshot = Snapshot()
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = f"line {number}"
        if len(cells) != len(CSV_HEADER):
            problems.append(
                Violation(
                    "sync.invalid_value",
                    f"{row}: {len(cells)} columns, the header has {len(CSV_HEADER)}",
                    row,
                )
            )
            continue
        data = dict(zip(CSV_HEADER, cells, strict=True))
        kind = data.pop("kind").strip().lower()
        if kind == "unit":
            unit = {k: data[k] for k in UNIT_FIELDS}
            if any(_text(data[k]) for k in ("email", "unit_external_id", "manager_external_id")):
                problems.append(
                    Violation("sync.invalid_value", f"{row}: a unit has no person columns", row)
                )
                continue
            record = _unit(row, unit, problems)
            if record is not None:
                snapshot.units.append(record)
        elif kind == "person":
            person = {k: data[k] for k in PERSON_FIELDS}
            if any(_text(data[k]) for k in ("parent_external_id", "head_external_id")):
                problems.append(
                    Violation("sync.invalid_value", f"{row}: a person has no unit columns", row)
                )
                continue
            found = _person(row, person, problems)
            if found is not None:
                snapshot.people.append(found)
        else:
            problems.append(
                Violation(
                    "sync.invalid_value", f"{row}: kind must be unit or person", f"{row}.kind"
                )
            )
    if problems:
        raise InvalidInput.from_violations(problems, code="sync.invalid_snapshot")
    return snapshot


# -- planning the diff ---------------------------------------------------------------------------


def _loops(edges: Mapping[str, str | None]) -> list[list[str]]:
    """Every cycle of a graph where each node has at most one successor, each once."""
    state: dict[str, int] = {}
    loops: list[list[str]] = []
    for start in edges:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = edges.get(node)
        if node is not None and state.get(node) == 1:
            loops.append(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return loops


def plan_sync(
    snapshot: Snapshot,
    units: Sequence[CurrentUnit],
    people: Sequence[CurrentPerson],
    *,
    by_admin: bool,
    new_id: Callable[[], str],
) -> Plan:
    """The diff that makes the organisation what the snapshot says; ``RuleViolation`` naming
    every problem (with its row) when anything is refused."""
    problems: list[Violation] = []

    def refuse(code: str, message: str, where: str) -> None:
        problems.append(Violation(code, message, where))

    units_by_ext = {u.external_id: u for u in units if u.external_id is not None}
    people_by_ext = {p.external_id: p for p in people if p.external_id is not None}
    people_by_email = {p.email.lower(): p for p in people}

    # Duplicates within the file.
    seen_units: dict[str, str] = {}
    for unit in snapshot.units:
        if unit.external_id in seen_units:
            refuse(
                "sync.duplicate_external_id",
                f"{unit.row}: unit {unit.external_id!r} is also on {seen_units[unit.external_id]}",
                f"{unit.row}.external_id",
            )
        seen_units.setdefault(unit.external_id, unit.row)
    seen_people: dict[str, str] = {}
    seen_emails: dict[str, str] = {}
    for person in snapshot.people:
        if person.external_id in seen_people:
            refuse(
                "sync.duplicate_external_id",
                f"{person.row}: person {person.external_id!r} is also on "
                f"{seen_people[person.external_id]}",
                f"{person.row}.external_id",
            )
        seen_people.setdefault(person.external_id, person.row)
        key = person.email.lower()
        if key in seen_emails:
            refuse(
                "sync.duplicate_email",
                f"{person.row}: e-mail {person.email!r} is also on {seen_emails[key]}",
                f"{person.row}.email",
            )
        seen_emails.setdefault(key, person.row)
        owner = people_by_email.get(key)
        if owner is not None and owner.external_id != person.external_id:
            refuse(
                "sync.email_taken",
                f"{person.row}: e-mail {person.email!r} belongs to person {owner.id}",
                f"{person.row}.email",
            )

    # Ids: existing ones by external id, new ones for the rest.
    unit_ids = {ext: u.id for ext, u in units_by_ext.items()}
    for unit in snapshot.units:
        unit_ids.setdefault(unit.external_id, new_id())
    person_ids = {ext: p.id for ext, p in people_by_ext.items()}
    for person in snapshot.people:
        person_ids.setdefault(person.external_id, new_id())

    def resolve(
        kind: str, ids: Mapping[str, str], ext: str | None, row: str, name: str
    ) -> str | None:
        if ext is None:
            return None
        found = ids.get(ext)
        if found is None:
            refuse(
                "sync.unknown_reference",
                f"{row}: {name} {ext!r} names no {kind} of the snapshot or the organisation",
                f"{row}.{name}",
            )
        return found

    # Units: the final tree, one root, no loop.
    final_parent: dict[str, str | None] = {u.id: u.parent_id for u in units}
    unit_rows: dict[str, str] = {}
    unit_values: dict[str, dict[str, Any]] = {}
    for unit in snapshot.units:
        uid = unit_ids[unit.external_id]
        unit_rows[uid] = unit.row
        parent = resolve("unit", unit_ids, unit.parent_external_id, unit.row, "parent_external_id")
        head = resolve("person", person_ids, unit.head_external_id, unit.row, "head_external_id")
        final_parent[uid] = parent
        unit_values[uid] = {
            "name": unit.name,
            "parent_id": parent,
            "head_id": head,
            "external_id": unit.external_id,
        }
    roots = [uid for uid, parent in final_parent.items() if parent is None]
    if len(roots) > 1:
        named = [unit_rows.get(r, f"org unit {r}") for r in roots]
        refuse(
            "sync.second_root",
            f"more than one unit without a parent: {', '.join(named)}",
            "parent_external_id",
        )
    ext_of_unit = {uid: ext for ext, uid in unit_ids.items()}
    for loop in _loops(final_parent):
        chain = " -> ".join(ext_of_unit.get(u, u) for u in [*loop, loop[0]])
        rows = ", ".join(unit_rows[u] for u in loop if u in unit_rows)
        refuse("sync.unit_loop", f"the unit tree would loop: {chain} ({rows})", rows or "units")

    # People: the final reporting lines, no loop.
    current_people = {p.id: p for p in people}
    final_manager: dict[str, str | None] = {p.id: p.manager_id for p in people}
    person_rows: dict[str, str] = {}
    person_values: dict[str, dict[str, Any]] = {}
    for person in snapshot.people:
        pid = person_ids[person.external_id]
        person_rows[pid] = person.row
        unit_id = resolve("unit", unit_ids, person.unit_external_id, person.row, "unit_external_id")
        manager = resolve(
            "person", person_ids, person.manager_external_id, person.row, "manager_external_id"
        )
        final_manager[pid] = manager
        person_values[pid] = {
            "name": person.name,
            "email": person.email,
            "unit_id": unit_id,
            "manager_id": manager,
            "external_id": person.external_id,
            "active": person.active,
        }
    ext_of_person = {pid: ext for ext, pid in person_ids.items()}
    for loop in _loops(final_manager):
        chain = " -> ".join(ext_of_person.get(p, p) for p in [*loop, loop[0]])
        rows = ", ".join(person_rows[p] for p in loop if p in person_rows)
        refuse(
            "sync.manager_loop",
            f"the reporting lines would loop: {chain} ({rows})",
            rows or "people",
        )

    # The diff.
    plan = Plan()
    current_units = {u.id: u for u in units}
    for uid, values in unit_values.items():
        unit_before = current_units.get(uid)
        if unit_before is None:
            plan.changes.append(Change("unit", uid, values["external_id"], "create", values))
            continue
        changed = {k: v for k, v in values.items() if getattr(unit_before, k) != v}
        if not changed:
            plan.unchanged += 1
            continue
        action = "move" if "parent_id" in changed else "update"
        plan.changes.append(Change("unit", uid, values["external_id"], action, changed))
    for pid, values in person_values.items():
        before = current_people.get(pid)
        if before is None:
            plan.changes.append(Change("person", pid, values["external_id"], "create", values))
            continue
        changed = {k: v for k, v in values.items() if getattr(before, k) != v}
        if not changed:
            plan.unchanged += 1
            continue
        if "active" in changed:
            action = "reactivate" if changed["active"] else "deactivate"
        elif "unit_id" in changed or "manager_id" in changed:
            action = "move"
        else:
            action = "update"
        if before.is_admin and not by_admin and ({"email", "active"} & set(changed)):
            refuse(
                "permission.admin_required",
                f"{person_rows[pid]}: only an admin changes an admin's e-mail or active flag",
                f"{person_rows[pid]}.external_id",
            )
        plan.changes.append(Change("person", pid, values["external_id"], action, changed))
    in_file = set(person_values)
    for ext, before in people_by_ext.items():
        if before.id in in_file or not before.active:
            continue
        if before.is_admin and not by_admin:
            refuse(
                "permission.admin_required",
                f"admin {ext!r} is missing from the snapshot; only an admin deactivates an admin",
                f"people.{ext}",
            )
        plan.changes.append(Change("person", before.id, ext, "deactivate", {"active": False}))

    deactivated = {c.id for c in plan.changes if c.values.get("active") is False}
    if any(p.is_admin and p.active for p in people) and all(
        p.id in deactivated for p in people if p.is_admin and p.active
    ):
        refuse(
            "person.last_admin", "the organisation must keep at least one active admin", "people"
        )

    if problems and all(p.code == "permission.admin_required" for p in problems):
        raise PermissionDenied.from_violations(problems, code="permission.admin_required")
    if problems:
        raise RuleViolation.from_violations(problems, code="sync.refused")
    return plan
