"""Contains all the data models used in inputs/outputs"""

from .cycle_create import CycleCreate
from .cycle_kind import CycleKind
from .cycle_public import CyclePublic
from .cycle_state import CycleState
from .cycle_update import CycleUpdate
from .event_page import EventPage
from .event_public import EventPublic
from .event_public_data import EventPublicData
from .health_status import HealthStatus
from .org_unit_create import OrgUnitCreate
from .org_unit_public import OrgUnitPublic
from .org_unit_update import OrgUnitUpdate
from .page_cycle_public import PageCyclePublic
from .page_org_unit_public import PageOrgUnitPublic
from .page_person_public import PagePersonPublic
from .page_token_public import PageTokenPublic
from .person_create import PersonCreate
from .person_public import PersonPublic
from .person_update import PersonUpdate
from .policy_public import PolicyPublic
from .policy_update import PolicyUpdate
from .problem import Problem
from .problem_item import ProblemItem
from .role import Role
from .token_create import TokenCreate
from .token_created import TokenCreated
from .token_public import TokenPublic

__all__ = (
    "CycleCreate",
    "CycleKind",
    "CyclePublic",
    "CycleState",
    "CycleUpdate",
    "EventPage",
    "EventPublic",
    "EventPublicData",
    "HealthStatus",
    "OrgUnitCreate",
    "OrgUnitPublic",
    "OrgUnitUpdate",
    "PageCyclePublic",
    "PageOrgUnitPublic",
    "PagePersonPublic",
    "PageTokenPublic",
    "PersonCreate",
    "PersonPublic",
    "PersonUpdate",
    "PolicyPublic",
    "PolicyUpdate",
    "Problem",
    "ProblemItem",
    "Role",
    "TokenCreate",
    "TokenCreated",
    "TokenPublic",
)
