from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MigrationExecutionInput")


@_attrs_define
class MigrationExecutionInput:
    """The policy to run, a migration rule or a synchronization policy.

    Attributes:
        policy_id (int): Id of the migration rule or synchronization policy (an integer here; ERRATA E41).
    """

    policy_id: int

    def to_dict(self) -> dict[str, Any]:
        policy_id = self.policy_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "policyId": policy_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        policy_id = d.pop("policyId")

        migration_execution_input = cls(
            policy_id=policy_id,
        )

        return migration_execution_input
