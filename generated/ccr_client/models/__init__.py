"""Contains all the data models used in inputs/outputs"""

from .accelerator_filter import AcceleratorFilter
from .accelerator_filter_input import AcceleratorFilterInput
from .accelerator_filter_match import AcceleratorFilterMatch
from .accelerator_filter_test import AcceleratorFilterTest
from .accelerator_policy import AcceleratorPolicy
from .accelerator_policy_input import AcceleratorPolicyInput
from .accelerator_policy_page import AcceleratorPolicyPage
from .action_result import ActionResult
from .action_result_action import ActionResultAction
from .batch_ids import BatchIds
from .batch_names import BatchNames
from .bce_error import BceError
from .build_history_entry import BuildHistoryEntry
from .build_history_list import BuildHistoryList
from .chart import Chart
from .chart_maintainer import ChartMaintainer
from .chart_page import ChartPage
from .chart_version_item import ChartVersionItem
from .chart_version_page import ChartVersionPage
from .credential import Credential
from .credential_input import CredentialInput
from .credential_input_type import CredentialInputType
from .credential_type import CredentialType
from .empty_object import EmptyObject
from .execution import Execution
from .execution_page import ExecutionPage
from .execution_status import ExecutionStatus
from .filter_ import Filter
from .filter_type import FilterType
from .health_result import HealthResult
from .health_result_target_name import HealthResultTargetName
from .image_build import ImageBuild
from .image_build_batch_ids import ImageBuildBatchIds
from .image_build_create_result import ImageBuildCreateResult
from .image_build_input import ImageBuildInput
from .image_build_page import ImageBuildPage
from .instance import Instance
from .instance_billing import InstanceBilling
from .instance_billing_auto_renew_time_unit import InstanceBillingAutoRenewTimeUnit
from .instance_billing_reservation_time_unit import InstanceBillingReservationTimeUnit
from .instance_create_input import InstanceCreateInput
from .instance_create_input_payment_timing import InstanceCreateInputPaymentTiming
from .instance_create_result import InstanceCreateResult
from .instance_detail import InstanceDetail
from .instance_name_input import InstanceNameInput
from .instance_page import InstancePage
from .instance_payment_method import InstancePaymentMethod
from .instance_quota import InstanceQuota
from .instance_registry import InstanceRegistry
from .instance_registry_created import InstanceRegistryCreated
from .instance_registry_credential import InstanceRegistryCredential
from .instance_registry_credential_input import InstanceRegistryCredentialInput
from .instance_registry_credential_input_type import InstanceRegistryCredentialInputType
from .instance_registry_input import InstanceRegistryInput
from .instance_registry_legacy_times import InstanceRegistryLegacyTimes
from .instance_registry_page import InstanceRegistryPage
from .instance_registry_probe import InstanceRegistryProbe
from .instance_registry_type import InstanceRegistryType
from .instance_renew_config import InstanceRenewConfig
from .instance_renew_config_time_unit import InstanceRenewConfigTimeUnit
from .instance_renew_config_union_expire_order_flag import InstanceRenewConfigUnionExpireOrderFlag
from .instance_renew_input import InstanceRenewInput
from .instance_renew_item import InstanceRenewItem
from .instance_renew_result import InstanceRenewResult
from .instance_statistic import InstanceStatistic
from .instance_summary import InstanceSummary
from .instance_tag import InstanceTag
from .instance_tag_input import InstanceTagInput
from .instance_tags_input import InstanceTagsInput
from .instance_type import InstanceType
from .instance_upgrade_input import InstanceUpgradeInput
from .instance_upgrade_result import InstanceUpgradeResult
from .list_envelope import ListEnvelope
from .list_envelope_orders_type_0_item import ListEnvelopeOrdersType0Item
from .list_instances_acrossregion import ListInstancesAcrossregion
from .list_instances_keyword_type import ListInstancesKeywordType
from .list_registries_keyword_type import ListRegistriesKeywordType
from .list_robot_accounts_status import ListRobotAccountsStatus
from .migration_execution import MigrationExecution
from .migration_execution_input import MigrationExecutionInput
from .migration_execution_page import MigrationExecutionPage
from .migration_execution_status import MigrationExecutionStatus
from .migration_execution_trigger import MigrationExecutionTrigger
from .migration_rule import MigrationRule
from .migration_rule_filter import MigrationRuleFilter
from .migration_rule_filter_input import MigrationRuleFilterInput
from .migration_rule_input import MigrationRuleInput
from .migration_rule_page import MigrationRulePage
from .migration_rule_registry import MigrationRuleRegistry
from .migration_rule_registry_ref import MigrationRuleRegistryRef
from .migration_rule_trigger import MigrationRuleTrigger
from .migration_rule_trigger_input import MigrationRuleTriggerInput
from .migration_rule_trigger_input_type import MigrationRuleTriggerInputType
from .migration_rule_trigger_settings import MigrationRuleTriggerSettings
from .migration_rule_trigger_type import MigrationRuleTriggerType
from .migration_task import MigrationTask
from .migration_task_page import MigrationTaskPage
from .migration_task_status import MigrationTaskStatus
from .password_reset_request import PasswordResetRequest
from .policy import Policy
from .policy_input import PolicyInput
from .policy_input_trigger import PolicyInputTrigger
from .policy_page import PolicyPage
from .policy_update import PolicyUpdate
from .project import Project
from .project_create_input import ProjectCreateInput
from .project_flag import ProjectFlag
from .project_page import ProjectPage
from .project_update_input import ProjectUpdateInput
from .public_network_config import PublicNetworkConfig
from .public_network_status import PublicNetworkStatus
from .public_network_update import PublicNetworkUpdate
from .public_network_update_action import PublicNetworkUpdateAction
from .registry import Registry
from .registry_input import RegistryInput
from .registry_page import RegistryPage
from .registry_ref import RegistryRef
from .registry_status import RegistryStatus
from .registry_type import RegistryType
from .registry_update import RegistryUpdate
from .repository import Repository
from .repository_page import RepositoryPage
from .repository_update_input import RepositoryUpdateInput
from .robot import Robot
from .robot_access import RobotAccess
from .robot_access_input import RobotAccessInput
from .robot_access_input_action import RobotAccessInputAction
from .robot_access_input_resource import RobotAccessInputResource
from .robot_created import RobotCreated
from .robot_input import RobotInput
from .robot_page import RobotPage
from .robot_permission import RobotPermission
from .robot_permission_input import RobotPermissionInput
from .robot_permission_input_kind import RobotPermissionInputKind
from .robot_secret import RobotSecret
from .robot_secret_request import RobotSecretRequest
from .robot_update import RobotUpdate
from .scan_severity import ScanSeverity
from .scan_severity_summary import ScanSeveritySummary
from .scan_status import ScanStatus
from .scan_vulnerability import ScanVulnerability
from .scan_vulnerability_page import ScanVulnerabilityPage
from .sort_order import SortOrder
from .sync import Sync
from .sync_input import SyncInput
from .sync_page import SyncPage
from .sync_trigger import SyncTrigger
from .sync_trigger_input import SyncTriggerInput
from .sync_trigger_input_type import SyncTriggerInputType
from .sync_trigger_type import SyncTriggerType
from .tag import Tag
from .tag_artifact_type import TagArtifactType
from .tag_page import TagPage
from .tag_scan_overview import TagScanOverview
from .temporary_password import TemporaryPassword
from .temporary_password_request import TemporaryPasswordRequest
from .trigger_event_type import TriggerEventType
from .trigger_filter import TriggerFilter
from .trigger_filter_input import TriggerFilterInput
from .trigger_filter_type import TriggerFilterType
from .trigger_headers import TriggerHeaders
from .trigger_headers_input import TriggerHeadersInput
from .trigger_job import TriggerJob
from .trigger_job_page import TriggerJobPage
from .trigger_policy import TriggerPolicy
from .trigger_policy_input import TriggerPolicyInput
from .trigger_policy_page import TriggerPolicyPage
from .trigger_target import TriggerTarget
from .trigger_target_input import TriggerTargetInput
from .trigger_type import TriggerType
from .user_profile import UserProfile
from .vpc_link import VpcLink
from .vpc_link_input import VpcLinkInput
from .vpc_link_input_ip_type import VpcLinkInputIpType
from .vpc_link_list import VpcLinkList
from .vpc_link_ref import VpcLinkRef
from .whitelist_entry import WhitelistEntry
from .whitelist_entry_input import WhitelistEntryInput
from .whitelist_items import WhitelistItems

__all__ = (
    "AcceleratorFilter",
    "AcceleratorFilterInput",
    "AcceleratorFilterMatch",
    "AcceleratorFilterTest",
    "AcceleratorPolicy",
    "AcceleratorPolicyInput",
    "AcceleratorPolicyPage",
    "ActionResult",
    "ActionResultAction",
    "BatchIds",
    "BatchNames",
    "BceError",
    "BuildHistoryEntry",
    "BuildHistoryList",
    "Chart",
    "ChartMaintainer",
    "ChartPage",
    "ChartVersionItem",
    "ChartVersionPage",
    "Credential",
    "CredentialInput",
    "CredentialInputType",
    "CredentialType",
    "EmptyObject",
    "Execution",
    "ExecutionPage",
    "ExecutionStatus",
    "Filter",
    "FilterType",
    "HealthResult",
    "HealthResultTargetName",
    "ImageBuild",
    "ImageBuildBatchIds",
    "ImageBuildCreateResult",
    "ImageBuildInput",
    "ImageBuildPage",
    "Instance",
    "InstanceBilling",
    "InstanceBillingAutoRenewTimeUnit",
    "InstanceBillingReservationTimeUnit",
    "InstanceCreateInput",
    "InstanceCreateInputPaymentTiming",
    "InstanceCreateResult",
    "InstanceDetail",
    "InstanceNameInput",
    "InstancePage",
    "InstancePaymentMethod",
    "InstanceQuota",
    "InstanceRegistry",
    "InstanceRegistryCreated",
    "InstanceRegistryCredential",
    "InstanceRegistryCredentialInput",
    "InstanceRegistryCredentialInputType",
    "InstanceRegistryInput",
    "InstanceRegistryLegacyTimes",
    "InstanceRegistryPage",
    "InstanceRegistryProbe",
    "InstanceRegistryType",
    "InstanceRenewConfig",
    "InstanceRenewConfigTimeUnit",
    "InstanceRenewConfigUnionExpireOrderFlag",
    "InstanceRenewInput",
    "InstanceRenewItem",
    "InstanceRenewResult",
    "InstanceStatistic",
    "InstanceSummary",
    "InstanceTag",
    "InstanceTagInput",
    "InstanceTagsInput",
    "InstanceType",
    "InstanceUpgradeInput",
    "InstanceUpgradeResult",
    "ListEnvelope",
    "ListEnvelopeOrdersType0Item",
    "ListInstancesAcrossregion",
    "ListInstancesKeywordType",
    "ListRegistriesKeywordType",
    "ListRobotAccountsStatus",
    "MigrationExecution",
    "MigrationExecutionInput",
    "MigrationExecutionPage",
    "MigrationExecutionStatus",
    "MigrationExecutionTrigger",
    "MigrationRule",
    "MigrationRuleFilter",
    "MigrationRuleFilterInput",
    "MigrationRuleInput",
    "MigrationRulePage",
    "MigrationRuleRegistry",
    "MigrationRuleRegistryRef",
    "MigrationRuleTrigger",
    "MigrationRuleTriggerInput",
    "MigrationRuleTriggerInputType",
    "MigrationRuleTriggerSettings",
    "MigrationRuleTriggerType",
    "MigrationTask",
    "MigrationTaskPage",
    "MigrationTaskStatus",
    "PasswordResetRequest",
    "Policy",
    "PolicyInput",
    "PolicyInputTrigger",
    "PolicyPage",
    "PolicyUpdate",
    "Project",
    "ProjectCreateInput",
    "ProjectFlag",
    "ProjectPage",
    "ProjectUpdateInput",
    "PublicNetworkConfig",
    "PublicNetworkStatus",
    "PublicNetworkUpdate",
    "PublicNetworkUpdateAction",
    "Registry",
    "RegistryInput",
    "RegistryPage",
    "RegistryRef",
    "RegistryStatus",
    "RegistryType",
    "RegistryUpdate",
    "Repository",
    "RepositoryPage",
    "RepositoryUpdateInput",
    "Robot",
    "RobotAccess",
    "RobotAccessInput",
    "RobotAccessInputAction",
    "RobotAccessInputResource",
    "RobotCreated",
    "RobotInput",
    "RobotPage",
    "RobotPermission",
    "RobotPermissionInput",
    "RobotPermissionInputKind",
    "RobotSecret",
    "RobotSecretRequest",
    "RobotUpdate",
    "ScanSeverity",
    "ScanSeveritySummary",
    "ScanStatus",
    "ScanVulnerability",
    "ScanVulnerabilityPage",
    "SortOrder",
    "Sync",
    "SyncInput",
    "SyncPage",
    "SyncTrigger",
    "SyncTriggerInput",
    "SyncTriggerInputType",
    "SyncTriggerType",
    "Tag",
    "TagArtifactType",
    "TagPage",
    "TagScanOverview",
    "TemporaryPassword",
    "TemporaryPasswordRequest",
    "TriggerEventType",
    "TriggerFilter",
    "TriggerFilterInput",
    "TriggerFilterType",
    "TriggerHeaders",
    "TriggerHeadersInput",
    "TriggerJob",
    "TriggerJobPage",
    "TriggerPolicy",
    "TriggerPolicyInput",
    "TriggerPolicyPage",
    "TriggerTarget",
    "TriggerTargetInput",
    "TriggerType",
    "UserProfile",
    "VpcLink",
    "VpcLinkInput",
    "VpcLinkInputIpType",
    "VpcLinkList",
    "VpcLinkRef",
    "WhitelistEntry",
    "WhitelistEntryInput",
    "WhitelistItems",
)
