from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_type import RegistryType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_input import CredentialInput


T = TypeVar("T", bound="RegistryInput")


@_attrs_define
class RegistryInput:
    """A registry authorization as written by create (and the health check of a registry not yet created).

    Attributes:
        type_ (RegistryType): Kind of external registry.
        name (str): Name chosen by the caller.
        url (str): An `http://` or `https://` URL that every client can parse: an ASCII host name (an IDN host
            in its `xn--` form) or a bracketed IPv6 literal, a port from 0 to 65535, then any path, query
            and fragment. No `user:password@`: credentials travel in their own fields (a registry's
            `credential`, a trigger's `Authorization` header), never inside a URL that is stored and
            answered back. A value the pattern refuses is a 400; a value it accepts is never refused as
            unparseable.
        credential (CredentialInput): The credential used to read from a registry. Only `basic` (user name and password)
            exists.
        description (str | Unset): Free text.
        insecure (bool | Unset): When true the server does not verify the registry's TLS certificate (ERRATA E14 on the
            seed's inverted wording). Default: False.
    """

    type_: RegistryType
    name: str
    url: str
    credential: CredentialInput
    description: str | Unset = UNSET
    insecure: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        name = self.name

        url = self.url

        credential = self.credential.to_dict()

        description = self.description

        insecure = self.insecure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "url": url,
                "credential": credential,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if insecure is not UNSET:
            field_dict["insecure"] = insecure

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credential_input import CredentialInput

        d = dict(src_dict)
        type_ = RegistryType(d.pop("type"))

        name = d.pop("name")

        url = d.pop("url")

        credential = CredentialInput.from_dict(d.pop("credential"))

        description = d.pop("description", UNSET)

        insecure = d.pop("insecure", UNSET)

        registry_input = cls(
            type_=type_,
            name=name,
            url=url,
            credential=credential,
            description=description,
            insecure=insecure,
        )

        registry_input.additional_properties = d
        return registry_input

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
