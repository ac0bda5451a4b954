from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.instance_registry_credential_input_type import InstanceRegistryCredentialInputType
from ..types import UNSET, Unset

T = TypeVar("T", bound="InstanceRegistryCredentialInput")


@_attrs_define
class InstanceRegistryCredentialInput:
    """The credential used to read from a registry.

    Attributes:
        type_ (InstanceRegistryCredentialInputType): `basic`: user name and password; `oauth`: an access key and secret
            exchanged for a token.
        access_key (str): User name or access key; empty for anonymous access.
        access_secret (str | Unset): Password or secret. Stored by the server, never returned; omitted on update, the
            stored one is kept.
    """

    type_: InstanceRegistryCredentialInputType
    access_key: str
    access_secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        access_key = self.access_key

        access_secret = self.access_secret

        field_dict: dict[str, Any] = {}

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
        type_ = InstanceRegistryCredentialInputType(d.pop("type"))

        access_key = d.pop("accessKey")

        access_secret = d.pop("accessSecret", UNSET)

        instance_registry_credential_input = cls(
            type_=type_,
            access_key=access_key,
            access_secret=access_secret,
        )

        return instance_registry_credential_input
