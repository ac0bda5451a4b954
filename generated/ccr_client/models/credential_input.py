from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.credential_input_type import CredentialInputType

T = TypeVar("T", bound="CredentialInput")


@_attrs_define
class CredentialInput:
    """The credential used to read from a registry. Only `basic` (user name and password) exists.

    Attributes:
        access_key (str): User name.
        access_secret (str): Password. Stored by the server, never returned.
        type_ (CredentialInputType):
    """

    access_key: str
    access_secret: str
    type_: CredentialInputType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_key = self.access_key

        access_secret = self.access_secret

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accessKey": access_key,
                "accessSecret": access_secret,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_key = d.pop("accessKey")

        access_secret = d.pop("accessSecret")

        type_ = CredentialInputType(d.pop("type"))

        credential_input = cls(
            access_key=access_key,
            access_secret=access_secret,
            type_=type_,
        )

        credential_input.additional_properties = d
        return credential_input

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
