from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.migration_rule_trigger_type import MigrationRuleTriggerType

if TYPE_CHECKING:
    from ..models.migration_rule_trigger_settings import MigrationRuleTriggerSettings


T = TypeVar("T", bound="MigrationRuleTrigger")


@_attrs_define
class MigrationRuleTrigger:
    """How a rule runs, as returned.

    Attributes:
        type_ (MigrationRuleTriggerType): `manual` for every rule created through this API; baiducloud-python-sdk-ccr's
            answer
            model also names `event_based` and `scheduled` (ERRATA E69).
        trigger_settings (MigrationRuleTriggerSettings | None): Schedule of a `scheduled` trigger; null or an empty
            `cron` otherwise.
    """

    type_: MigrationRuleTriggerType
    trigger_settings: MigrationRuleTriggerSettings | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.migration_rule_trigger_settings import MigrationRuleTriggerSettings

        type_ = self.type_.value

        trigger_settings: dict[str, Any] | None
        if isinstance(self.trigger_settings, MigrationRuleTriggerSettings):
            trigger_settings = self.trigger_settings.to_dict()
        else:
            trigger_settings = self.trigger_settings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "triggerSettings": trigger_settings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.migration_rule_trigger_settings import MigrationRuleTriggerSettings

        d = dict(src_dict)
        type_ = MigrationRuleTriggerType(d.pop("type"))

        def _parse_trigger_settings(data: object) -> MigrationRuleTriggerSettings | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trigger_settings_type_0 = MigrationRuleTriggerSettings.from_dict(data)

                return trigger_settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MigrationRuleTriggerSettings | None, data)

        trigger_settings = _parse_trigger_settings(d.pop("triggerSettings"))

        migration_rule_trigger = cls(
            type_=type_,
            trigger_settings=trigger_settings,
        )

        migration_rule_trigger.additional_properties = d
        return migration_rule_trigger

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
