"""Contains all the data models used in inputs/outputs"""

from .add_key_result import AddKeyResult
from .agenda_item_out import AgendaItemOut
from .agenda_key_result_out import AgendaKeyResultOut
from .agenda_summary_out import AgendaSummaryOut
from .agenda_summary_out_flagged import AgendaSummaryOutFlagged
from .agenda_summary_out_grades import AgendaSummaryOutGrades
from .alignment_create import AlignmentCreate
from .alignment_graph import AlignmentGraph
from .alignment_public import AlignmentPublic
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_item import ApiKeyCreateScopesItem
from .api_key_created import ApiKeyCreated
from .api_key_public import ApiKeyPublic
from .at_risk import AtRisk
from .at_risk_reasons_item import AtRiskReasonsItem
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
from .change_set_create import ChangeSetCreate
from .check_in_batch import CheckInBatch
from .check_in_batch_check_in_batch_item import CheckInBatchCheckInBatchItem
from .check_in_batch_check_in_batch_item_needs_help_from_type_0 import (
    CheckInBatchCheckInBatchItemNeedsHelpFromType0,
)
from .check_in_batch_result import CheckInBatchResult
from .check_in_create import CheckInCreate
from .check_in_create_needs_help_from_type_0 import CheckInCreateNeedsHelpFromType0
from .check_in_public import CheckInPublic
from .check_in_public_needs_help_from_type_0 import CheckInPublicNeedsHelpFromType0
from .check_in_void import CheckInVoid
from .confidence_point_out import ConfidencePointOut
from .coverage_out import CoverageOut
from .cycle_create import CycleCreate
from .cycle_deadlines import CycleDeadlines
from .cycle_kind import CycleKind
from .cycle_public import CyclePublic
from .cycle_report import CycleReport
from .cycle_state import CycleState
from .cycle_update import CycleUpdate
from .deadline_kind import DeadlineKind
from .deadline_objective import DeadlineObjective
from .deadline_objective_waiting_on_type_0 import DeadlineObjectiveWaitingOnType0
from .deadline_public import DeadlinePublic
from .delivery_detail import DeliveryDetail
from .delivery_detail_payload import DeliveryDetailPayload
from .delivery_detail_state import DeliveryDetailState
from .delivery_public import DeliveryPublic
from .delivery_public_state import DeliveryPublicState
from .dependency_create import DependencyCreate
from .dependency_public import DependencyPublic
from .digest_check_in import DigestCheckIn
from .digest_forecast import DigestForecast
from .digest_forecast_band_type_0 import DigestForecastBandType0
from .digest_initiative import DigestInitiative
from .digest_key_result import DigestKeyResult
from .digest_objective import DigestObjective
from .digest_owner import DigestOwner
from .event_page import EventPage
from .event_public import EventPublic
from .event_public_data import EventPublicData
from .export_dataset import ExportDataset
from .export_format import ExportFormat
from .follow_up_carry import FollowUpCarry
from .follow_up_in import FollowUpIn
from .follow_up_out import FollowUpOut
from .follow_up_public import FollowUpPublic
from .forecast_public import ForecastPublic
from .forecast_public_band_type_0 import ForecastPublicBandType0
from .forecast_public_method import ForecastPublicMethod
from .forecast_public_reason_type_0 import ForecastPublicReasonType0
from .forecast_summary_out import ForecastSummaryOut
from .forecast_summary_out_key_results import ForecastSummaryOutKeyResults
from .forecast_summary_out_objectives import ForecastSummaryOutObjectives
from .get_alignment_graph_format import GetAlignmentGraphFormat
from .grade import Grade
from .graph_edge import GraphEdge
from .graph_key_result import GraphKeyResult
from .graph_node import GraphNode
from .health_status import HealthStatus
from .inbox import Inbox
from .inbox_item import InboxItem
from .inbox_item_kind import InboxItemKind
from .initiative_create import InitiativeCreate
from .initiative_public import InitiativePublic
from .initiative_state import InitiativeState
from .initiative_update import InitiativeUpdate
from .key_result_change_item_public import KeyResultChangeItemPublic
from .key_result_change_item_public_op import KeyResultChangeItemPublicOp
from .key_result_changes import KeyResultChanges
from .key_result_changes_public import KeyResultChangesPublic
from .key_result_create import KeyResultCreate
from .key_result_kind import KeyResultKind
from .key_result_public import KeyResultPublic
from .key_result_update import KeyResultUpdate
from .lint_finding import LintFinding
from .list_webhook_deliveries_state_type_0 import ListWebhookDeliveriesStateType0
from .modify_key_result import ModifyKeyResult
from .new_key_result import NewKeyResult
from .objective_create import ObjectiveCreate
from .objective_forecast_public import ObjectiveForecastPublic
from .objective_forecast_public_band_type_0 import ObjectiveForecastPublicBandType0
from .objective_forecast_public_method import ObjectiveForecastPublicMethod
from .objective_forecast_public_reason_type_0 import ObjectiveForecastPublicReasonType0
from .objective_lint import ObjectiveLint
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
from .person_ref import PersonRef
from .person_update import PersonUpdate
from .ping_result import PingResult
from .policy_public import PolicyPublic
from .policy_public_objective_numbers import PolicyPublicObjectiveNumbers
from .policy_update import PolicyUpdate
from .policy_update_objective_numbers import PolicyUpdateObjectiveNumbers
from .problem import Problem
from .problem_item import ProblemItem
from .publish_on import PublishOn
from .remove_key_result import RemoveKeyResult
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .review_adjustment_in import ReviewAdjustmentIn
from .review_answers_out import ReviewAnswersOut
from .review_completion_out import ReviewCompletionOut
from .review_confirm import ReviewConfirm
from .review_digest import ReviewDigest
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
from .status import Status
from .sync_change import SyncChange
from .sync_change_action import SyncChangeAction
from .sync_change_entity import SyncChangeEntity
from .sync_change_fields import SyncChangeFields
from .sync_org_body import SyncOrgBody
from .sync_org_body_people_item import SyncOrgBodyPeopleItem
from .sync_org_body_units_item import SyncOrgBodyUnitsItem
from .sync_result import SyncResult
from .sync_summary import SyncSummary
from .token_create import TokenCreate
from .token_created import TokenCreated
from .token_public import TokenPublic
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_public import WebhookPublic
from .webhook_update import WebhookUpdate
from .weekly_digest import WeeklyDigest

__all__ = (
    "AddKeyResult",
    "AgendaItemOut",
    "AgendaKeyResultOut",
    "AgendaSummaryOut",
    "AgendaSummaryOutFlagged",
    "AgendaSummaryOutGrades",
    "AlignmentCreate",
    "AlignmentGraph",
    "AlignmentPublic",
    "ApiKeyCreate",
    "ApiKeyCreateScopesItem",
    "ApiKeyCreated",
    "ApiKeyPublic",
    "AtRisk",
    "AtRiskReasonsItem",
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
    "ChangeSetCreate",
    "CheckInBatch",
    "CheckInBatchCheckInBatchItem",
    "CheckInBatchCheckInBatchItemNeedsHelpFromType0",
    "CheckInBatchResult",
    "CheckInCreate",
    "CheckInCreateNeedsHelpFromType0",
    "CheckInPublic",
    "CheckInPublicNeedsHelpFromType0",
    "CheckInVoid",
    "ConfidencePointOut",
    "CoverageOut",
    "CycleCreate",
    "CycleDeadlines",
    "CycleKind",
    "CyclePublic",
    "CycleReport",
    "CycleState",
    "CycleUpdate",
    "DeadlineKind",
    "DeadlineObjective",
    "DeadlineObjectiveWaitingOnType0",
    "DeadlinePublic",
    "DeliveryDetail",
    "DeliveryDetailPayload",
    "DeliveryDetailState",
    "DeliveryPublic",
    "DeliveryPublicState",
    "DependencyCreate",
    "DependencyPublic",
    "DigestCheckIn",
    "DigestForecast",
    "DigestForecastBandType0",
    "DigestInitiative",
    "DigestKeyResult",
    "DigestObjective",
    "DigestOwner",
    "EventPage",
    "EventPublic",
    "EventPublicData",
    "ExportDataset",
    "ExportFormat",
    "FollowUpCarry",
    "FollowUpIn",
    "FollowUpOut",
    "FollowUpPublic",
    "ForecastPublic",
    "ForecastPublicBandType0",
    "ForecastPublicMethod",
    "ForecastPublicReasonType0",
    "ForecastSummaryOut",
    "ForecastSummaryOutKeyResults",
    "ForecastSummaryOutObjectives",
    "GetAlignmentGraphFormat",
    "Grade",
    "GraphEdge",
    "GraphKeyResult",
    "GraphNode",
    "HealthStatus",
    "Inbox",
    "InboxItem",
    "InboxItemKind",
    "InitiativeCreate",
    "InitiativePublic",
    "InitiativeState",
    "InitiativeUpdate",
    "KeyResultChangeItemPublic",
    "KeyResultChangeItemPublicOp",
    "KeyResultChanges",
    "KeyResultChangesPublic",
    "KeyResultCreate",
    "KeyResultKind",
    "KeyResultPublic",
    "KeyResultUpdate",
    "LintFinding",
    "ListWebhookDeliveriesStateType0",
    "ModifyKeyResult",
    "NewKeyResult",
    "ObjectiveCreate",
    "ObjectiveForecastPublic",
    "ObjectiveForecastPublicBandType0",
    "ObjectiveForecastPublicMethod",
    "ObjectiveForecastPublicReasonType0",
    "ObjectiveLint",
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
    "PersonRef",
    "PersonUpdate",
    "PingResult",
    "PolicyPublic",
    "PolicyPublicObjectiveNumbers",
    "PolicyUpdate",
    "PolicyUpdateObjectiveNumbers",
    "Problem",
    "ProblemItem",
    "PublishOn",
    "RemoveKeyResult",
    "ReplayRequest",
    "ReplayResult",
    "ReviewAdjustmentIn",
    "ReviewAnswersOut",
    "ReviewCompletionOut",
    "ReviewConfirm",
    "ReviewDigest",
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
    "Status",
    "SyncChange",
    "SyncChangeAction",
    "SyncChangeEntity",
    "SyncChangeFields",
    "SyncOrgBody",
    "SyncOrgBodyPeopleItem",
    "SyncOrgBodyUnitsItem",
    "SyncResult",
    "SyncSummary",
    "TokenCreate",
    "TokenCreated",
    "TokenPublic",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookPublic",
    "WebhookUpdate",
    "WeeklyDigest",
)
