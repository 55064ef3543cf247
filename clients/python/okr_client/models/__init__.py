"""Contains all the data models used in inputs/outputs"""

from .alignment_create import AlignmentCreate
from .alignment_graph import AlignmentGraph
from .alignment_public import AlignmentPublic
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_item import ApiKeyCreateScopesItem
from .api_key_created import ApiKeyCreated
from .api_key_public import ApiKeyPublic
from .attempt_public import AttemptPublic
from .audit_event_page import AuditEventPage
from .audit_event_public import AuditEventPublic
from .audit_event_public_after_type_0 import AuditEventPublicAfterType0
from .audit_event_public_before_type_0 import AuditEventPublicBeforeType0
from .batch_error import BatchError
from .batch_item_result import BatchItemResult
from .batch_item_result_outcome import BatchItemResultOutcome
from .bottom_up_out import BottomUpOut
from .change_request_create import ChangeRequestCreate
from .change_request_decision import ChangeRequestDecision
from .change_request_public import ChangeRequestPublic
from .change_request_state import ChangeRequestState
from .check_in_batch import CheckInBatch
from .check_in_batch_check_in_batch_item import CheckInBatchCheckInBatchItem
from .check_in_batch_result import CheckInBatchResult
from .check_in_create import CheckInCreate
from .check_in_public import CheckInPublic
from .confidence_point_out import ConfidencePointOut
from .coverage_out import CoverageOut
from .cycle_create import CycleCreate
from .cycle_kind import CycleKind
from .cycle_public import CyclePublic
from .cycle_report import CycleReport
from .cycle_state import CycleState
from .cycle_update import CycleUpdate
from .delivery_detail import DeliveryDetail
from .delivery_detail_payload import DeliveryDetailPayload
from .delivery_detail_state import DeliveryDetailState
from .delivery_public import DeliveryPublic
from .delivery_public_state import DeliveryPublicState
from .dependency_create import DependencyCreate
from .dependency_public import DependencyPublic
from .event_page import EventPage
from .event_public import EventPublic
from .event_public_data import EventPublicData
from .export_dataset import ExportDataset
from .export_format import ExportFormat
from .get_alignment_graph_format import GetAlignmentGraphFormat
from .grade import Grade
from .graph_edge import GraphEdge
from .graph_key_result import GraphKeyResult
from .graph_node import GraphNode
from .health_status import HealthStatus
from .initiative_create import InitiativeCreate
from .initiative_public import InitiativePublic
from .initiative_state import InitiativeState
from .initiative_update import InitiativeUpdate
from .key_result_changes import KeyResultChanges
from .key_result_changes_public import KeyResultChangesPublic
from .key_result_create import KeyResultCreate
from .key_result_kind import KeyResultKind
from .key_result_public import KeyResultPublic
from .key_result_update import KeyResultUpdate
from .list_webhook_deliveries_state_type_0 import ListWebhookDeliveriesStateType0
from .objective_create import ObjectiveCreate
from .objective_public import ObjectivePublic
from .objective_reason import ObjectiveReason
from .objective_state import ObjectiveState
from .objective_update import ObjectiveUpdate
from .org_unit_create import OrgUnitCreate
from .org_unit_public import OrgUnitPublic
from .org_unit_update import OrgUnitUpdate
from .origin import Origin
from .owner_load_out import OwnerLoadOut
from .owner_ref import OwnerRef
from .owner_type import OwnerType
from .page_alignment_public import PageAlignmentPublic
from .page_api_key_public import PageApiKeyPublic
from .page_change_request_public import PageChangeRequestPublic
from .page_check_in_public import PageCheckInPublic
from .page_cycle_public import PageCyclePublic
from .page_delivery_public import PageDeliveryPublic
from .page_dependency_public import PageDependencyPublic
from .page_initiative_public import PageInitiativePublic
from .page_key_result_public import PageKeyResultPublic
from .page_objective_public import PageObjectivePublic
from .page_org_unit_public import PageOrgUnitPublic
from .page_person_public import PagePersonPublic
from .page_token_public import PageTokenPublic
from .page_webhook_public import PageWebhookPublic
from .person_create import PersonCreate
from .person_public import PersonPublic
from .person_update import PersonUpdate
from .ping_result import PingResult
from .policy_public import PolicyPublic
from .policy_update import PolicyUpdate
from .problem import Problem
from .problem_item import ProblemItem
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .review_completion_out import ReviewCompletionOut
from .review_flag import ReviewFlag
from .review_key_result_in import ReviewKeyResultIn
from .review_key_result_public import ReviewKeyResultPublic
from .review_public import ReviewPublic
from .review_put import ReviewPut
from .review_return import ReviewReturn
from .review_state import ReviewState
from .role import Role
from .rule_warning import RuleWarning
from .score_distribution_out import ScoreDistributionOut
from .score_distribution_out_grades import ScoreDistributionOutGrades
from .secret_rotate import SecretRotate
from .secret_rotated import SecretRotated
from .stale_key_result_out import StaleKeyResultOut
from .token_create import TokenCreate
from .token_created import TokenCreated
from .token_public import TokenPublic
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_public import WebhookPublic
from .webhook_update import WebhookUpdate

__all__ = (
    "AlignmentCreate",
    "AlignmentGraph",
    "AlignmentPublic",
    "ApiKeyCreate",
    "ApiKeyCreateScopesItem",
    "ApiKeyCreated",
    "ApiKeyPublic",
    "AttemptPublic",
    "AuditEventPage",
    "AuditEventPublic",
    "AuditEventPublicAfterType0",
    "AuditEventPublicBeforeType0",
    "BatchError",
    "BatchItemResult",
    "BatchItemResultOutcome",
    "BottomUpOut",
    "ChangeRequestCreate",
    "ChangeRequestDecision",
    "ChangeRequestPublic",
    "ChangeRequestState",
    "CheckInBatch",
    "CheckInBatchCheckInBatchItem",
    "CheckInBatchResult",
    "CheckInCreate",
    "CheckInPublic",
    "ConfidencePointOut",
    "CoverageOut",
    "CycleCreate",
    "CycleKind",
    "CyclePublic",
    "CycleReport",
    "CycleState",
    "CycleUpdate",
    "DeliveryDetail",
    "DeliveryDetailPayload",
    "DeliveryDetailState",
    "DeliveryPublic",
    "DeliveryPublicState",
    "DependencyCreate",
    "DependencyPublic",
    "EventPage",
    "EventPublic",
    "EventPublicData",
    "ExportDataset",
    "ExportFormat",
    "GetAlignmentGraphFormat",
    "Grade",
    "GraphEdge",
    "GraphKeyResult",
    "GraphNode",
    "HealthStatus",
    "InitiativeCreate",
    "InitiativePublic",
    "InitiativeState",
    "InitiativeUpdate",
    "KeyResultChanges",
    "KeyResultChangesPublic",
    "KeyResultCreate",
    "KeyResultKind",
    "KeyResultPublic",
    "KeyResultUpdate",
    "ListWebhookDeliveriesStateType0",
    "ObjectiveCreate",
    "ObjectivePublic",
    "ObjectiveReason",
    "ObjectiveState",
    "ObjectiveUpdate",
    "OrgUnitCreate",
    "OrgUnitPublic",
    "OrgUnitUpdate",
    "Origin",
    "OwnerLoadOut",
    "OwnerRef",
    "OwnerType",
    "PageAlignmentPublic",
    "PageApiKeyPublic",
    "PageChangeRequestPublic",
    "PageCheckInPublic",
    "PageCyclePublic",
    "PageDeliveryPublic",
    "PageDependencyPublic",
    "PageInitiativePublic",
    "PageKeyResultPublic",
    "PageObjectivePublic",
    "PageOrgUnitPublic",
    "PagePersonPublic",
    "PageTokenPublic",
    "PageWebhookPublic",
    "PersonCreate",
    "PersonPublic",
    "PersonUpdate",
    "PingResult",
    "PolicyPublic",
    "PolicyUpdate",
    "Problem",
    "ProblemItem",
    "ReplayRequest",
    "ReplayResult",
    "ReviewCompletionOut",
    "ReviewFlag",
    "ReviewKeyResultIn",
    "ReviewKeyResultPublic",
    "ReviewPublic",
    "ReviewPut",
    "ReviewReturn",
    "ReviewState",
    "Role",
    "RuleWarning",
    "ScoreDistributionOut",
    "ScoreDistributionOutGrades",
    "SecretRotate",
    "SecretRotated",
    "StaleKeyResultOut",
    "TokenCreate",
    "TokenCreated",
    "TokenPublic",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookPublic",
    "WebhookUpdate",
)
