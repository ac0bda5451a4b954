from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InstanceRegistryCredential")


@_attrs_define
class InstanceRegistryCredential:
    """A registry credential as returned. The secret is never returned: servers omit
    `accessSecret` (Baidu's documented example shows the mask `*****`, which clients must
    ignore; ERRATA E70).

        Attributes:
            type_ (str): Credential kind, `basic` or `oauth`; the instance itself (a rule's `destRegistry`) reports
                `secret`.
            access_key (str): User name (`basic`) or access key; empty when the registry is read anonymously.
            access_secret (str | Unset): Never returned.
    """

    type_: str
    access_key: str
    access_secret: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_key = self.access_key

        access_secret = self.access_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "accessKey": access_key,
            }
        )
        if access_secret is not UNSET:
            field_dict["accessSecret"] = access_secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        access_key = d.pop("accessKey")

        access_secret = d.pop("accessSecret", UNSET)

        instance_registry_credential = cls(
            type_=type_,
            access_key=access_key,
            access_secret=access_secret,
        )

        instance_registry_credential.additional_properties = d
        return instance_registry_credential

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
