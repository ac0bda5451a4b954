"""Contains all the data models used in inputs/outputs"""

from .action_result import ActionResult
from .action_result_action import ActionResultAction
from .bce_error import BceError
from .credential import Credential
from .credential_input import CredentialInput
from .credential_input_type import CredentialInputType
from .credential_type import CredentialType
from .execution import Execution
from .execution_page import ExecutionPage
from .execution_status import ExecutionStatus
from .filter_ import Filter
from .filter_type import FilterType
from .health_result import HealthResult
from .health_result_target_name import HealthResultTargetName
from .list_envelope import ListEnvelope
from .list_envelope_orders_type_0_item import ListEnvelopeOrdersType0Item
from .list_registries_keyword_type import ListRegistriesKeywordType
from .policy import Policy
from .policy_input import PolicyInput
from .policy_input_trigger import PolicyInputTrigger
from .policy_page import PolicyPage
from .policy_update import PolicyUpdate
from .registry import Registry
from .registry_input import RegistryInput
from .registry_page import RegistryPage
from .registry_ref import RegistryRef
from .registry_status import RegistryStatus
from .registry_type import RegistryType
from .registry_update import RegistryUpdate
from .sort_order import SortOrder
from .trigger_type import TriggerType

__all__ = (
    "ActionResult",
    "ActionResultAction",
    "BceError",
    "Credential",
    "CredentialInput",
    "CredentialInputType",
    "CredentialType",
    "Execution",
    "ExecutionPage",
    "ExecutionStatus",
    "Filter",
    "FilterType",
    "HealthResult",
    "HealthResultTargetName",
    "ListEnvelope",
    "ListEnvelopeOrdersType0Item",
    "ListRegistriesKeywordType",
    "Policy",
    "PolicyInput",
    "PolicyInputTrigger",
    "PolicyPage",
    "PolicyUpdate",
    "Registry",
    "RegistryInput",
    "RegistryPage",
    "RegistryRef",
    "RegistryStatus",
    "RegistryType",
    "RegistryUpdate",
    "SortOrder",
    "TriggerType",
)
