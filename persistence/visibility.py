"""The SQL mirror of ``domain.access``: the visibility rule as conditions the database applies.

Lists, the alignment graph, reports, exports and the change feed filter in the database with these
conditions, so no row a caller may not see is ever loaded for them. The rule is the domain's:

    an objective is visible when it is published (the policy's ``publish_on``, read from the
    policy row in the same statement), or when the viewer is a draft reader of its owner: the
    person or anyone above them in the manager chain; for a unit's objective the head of the
    unit or of a unit above it; admins see everything (no condition at all).

The people and units whose drafts a person reads are found with two recursive queries over the
org chart (the people below the viewer in the manager chain, the units below those the viewer
heads), so no org chart is loaded into Python and no id list is sent. A ``Visibility`` is built
once per request; conditions of one statement share its recursive queries.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.sql.expression import FromClause
from sqlmodel import col

from domain.access import (
    PUBLIC_REVIEW_STATES,
    PUBLISHED_STATES,
    Audience,
    Viewer,
    manages_all_okrs,
    sees_everything,
)
from domain.model import OwnerType, PublishOn
from persistence.tables import (
    CheckInRow,
    EventRow,
    KeyResultRow,
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
    PolicyRow,
    ReviewRow,
)

POLICY_ID = "default"
"""The one policy row (``api.services.policy``); no row, or no ``publish_on`` in it, is the
policy's default, as ``domain.policy.Policy.from_dict`` reads it."""
_PUBLIC_REVIEWS = sorted(s.value for s in PUBLIC_REVIEW_STATES)


def publish_on_column() -> ColumnElement[Any]:
    """The policy's ``publish_on`` as a scalar subquery (its default when unset)."""
    stored = (
        select(col(PolicyRow.data)["publish_on"].as_string())
        .where(col(PolicyRow.id) == POLICY_ID)
        .scalar_subquery()
    )
    return func.coalesce(stored, PublishOn.AGREED.value)


def published(state: Any) -> ColumnElement[bool]:
    """Whether an objective in the ``state`` column is public under the stored policy: the SQL
    of ``domain.access.is_published``, one branch per value of ``publish_on``."""
    publish_on = publish_on_column()
    return or_(
        *(
            and_(publish_on == value.value, state.in_(sorted(s.value for s in states)))
            for value, states in PUBLISHED_STATES.items()
        )
    )


class Visibility:
    """The visibility rule for one viewer, as SQL conditions (``None``: no condition needed)."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.admin = sees_everything(viewer)
        self.everything = manages_all_okrs(viewer)
        """Every objective and review (admins, and keys that manage all OKRs)."""
        self._people: CTE | None = None
        self._units: CTE | None = None

    # -- draft readers ----------------------------------------------------------------------

    def _people_below(self, person_id: str) -> CTE:
        """The person and everyone below them in the manager chain."""
        if self._people is None:
            people = PersonRow.__table__  # type: ignore[attr-defined]
            start = select(people.c.id).where(people.c.id == literal(person_id))
            below = start.cte("draft_people", recursive=True)
            self._people = below.union(
                select(people.c.id).join(below, people.c.manager_id == below.c.id)
            )
        return self._people

    def _units_below(self, person_id: str) -> CTE:
        """The units the person heads and every unit below them."""
        if self._units is None:
            units = OrgUnitRow.__table__  # type: ignore[attr-defined]
            start = select(units.c.id).where(units.c.head_id == literal(person_id))
            below = start.cte("draft_units", recursive=True)
            self._units = below.union(
                select(units.c.id).join(below, units.c.parent_id == below.c.id)
            )
        return self._units

    def draft_reader(self, owner_type: Any, owner_id: Any) -> ColumnElement[bool]:
        """Whether the viewer reads the drafts of the owner in these columns."""
        if self.everything:
            return true()
        person = self.viewer.person_id
        if person is None:
            return false()
        people, units = self._people_below(person), self._units_below(person)
        return or_(
            and_(owner_type == OwnerType.PERSON.value, owner_id.in_(select(people.c.id))),
            and_(owner_type == OwnerType.UNIT.value, owner_id.in_(select(units.c.id))),
        )

    # -- objectives and what hangs under them -----------------------------------------------

    def objective(self, table: FromClause | None = None) -> ColumnElement[bool] | None:
        """The condition on an objectives table (or alias) that keeps the visible ones."""
        if self.everything:
            return None
        c = (table if table is not None else ObjectiveRow.__table__).c  # type: ignore[attr-defined]
        return or_(published(c.state), self.draft_reader(c.owner_type, c.owner_id))

    def objective_ids(self) -> Select[Any] | None:
        """A subquery of the visible objectives' ids; ``None`` for a viewer who sees all."""
        condition = self.objective()
        if condition is None:
            return None
        return select(col(ObjectiveRow.id)).where(condition)

    def key_result_ids(self) -> Select[Any] | None:
        """A subquery of the visible key results' ids; ``None`` for a viewer who sees all."""
        objectives = self.objective_ids()
        if objectives is None:
            return None
        return select(col(KeyResultRow.id)).where(col(KeyResultRow.objective_id).in_(objectives))

    def review(self) -> ColumnElement[bool] | None:
        """The condition on ``reviews`` (joined with nothing) that keeps the visible ones."""
        if self.everything:
            return None
        objectives = ObjectiveRow.__table__  # type: ignore[attr-defined]
        readable = select(objectives.c.id).where(
            self.draft_reader(objectives.c.owner_type, objectives.c.owner_id)
        )
        visible = self.objective_ids()
        assert visible is not None
        return and_(
            col(ReviewRow.objective_id).in_(visible),
            or_(
                col(ReviewRow.state).in_(_PUBLIC_REVIEWS),
                col(ReviewRow.objective_id).in_(readable),
            ),
        )

    def review_ids(self) -> Select[Any] | None:
        """A subquery of the visible reviews' ids; ``None`` for a viewer who sees all."""
        condition = self.review()
        if condition is None:
            return None
        return select(col(ReviewRow.id)).where(condition)

    # -- the change feed --------------------------------------------------------------------

    def event(self) -> ColumnElement[bool] | None:
        """The condition on ``events`` that keeps the entries the viewer sees."""
        audience = col(EventRow.audience)
        if self.admin:
            return None
        if self.everything:
            return audience != Audience.ADMIN.value
        objectives = self.objective_ids()
        reviews = self.review_ids()
        assert objectives is not None and reviews is not None
        related = col(EventRow.related_objective_id)
        return or_(
            audience == Audience.PUBLIC.value,
            and_(
                audience == Audience.OBJECTIVE.value,
                col(EventRow.objective_id).in_(objectives),
                or_(related.is_(None), related.in_(objectives)),
            ),
            and_(audience == Audience.REVIEW.value, col(EventRow.entity_id).in_(reviews)),
        )

    def check_in(self) -> ColumnElement[bool] | None:
        """The condition on ``check_ins`` that keeps those of visible key results."""
        key_results = self.key_result_ids()
        if key_results is None:
            return None
        return col(CheckInRow.key_result_id).in_(key_results)
