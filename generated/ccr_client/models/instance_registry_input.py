from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.instance_registry_type import InstanceRegistryType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_registry_credential_input import InstanceRegistryCredentialInput


T = TypeVar("T", bound="InstanceRegistryInput")


@_attrs_define
class InstanceRegistryInput:
    """A registry as written by create and update. bce-sdk-go sends every field.

    Attributes:
        type_ (InstanceRegistryType): Kind of registry (bce-sdk-go's list; baiducloud-python-sdk-ccr's model names the
            first three).
        name (str): Registry name, unique in the instance.
        url (str): An `http://` or `https://` URL that every client can parse: an ASCII host name (an IDN host
            in its `xn--` form) or a bracketed IPv6 literal, a port from 0 to 65535, then any path, query
            and fragment. No `user:password@`: credentials travel in their own fields (a registry's
            `credential`, a trigger's `Authorization` header), never inside a URL that is stored and
            answered back. A value the pattern refuses is a 400; a value it accepts is never refused as
            unparseable.
        description (str | Unset):
        insecure (bool | Unset): When true the registry's TLS certificate is not verified. Default: False.
        credential (InstanceRegistryCredentialInput | None | Unset): Credential; null (what bce-sdk-go sends when none
            is set) reads anonymously, or on update keeps the stored one.
    """

    type_: InstanceRegistryType
    name: str
    url: str
    description: str | Unset = UNSET
    insecure: bool | Unset = False
    credential: InstanceRegistryCredentialInput | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.instance_registry_credential_input import InstanceRegistryCredentialInput

        type_ = self.type_.value

        name = self.name

        url = self.url

        description = self.description

        insecure = self.insecure

        credential: dict[str, Any] | None | Unset
        if isinstance(self.credential, Unset):
            credential = UNSET
        elif isinstance(self.credential, InstanceRegistryCredentialInput):
            credential = self.credential.to_dict()
        else:
            credential = self.credential

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "name": name,
                "url": url,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if insecure is not UNSET:
            field_dict["insecure"] = insecure
        if credential is not UNSET:
            field_dict["credential"] = credential

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_registry_credential_input import InstanceRegistryCredentialInput

        d = dict(src_dict)
        type_ = InstanceRegistryType(d.pop("type"))

        name = d.pop("name")

        url = d.pop("url")

        description = d.pop("description", UNSET)

        insecure = d.pop("insecure", UNSET)

        def _parse_credential(data: object) -> InstanceRegistryCredentialInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                credential_type_0 = InstanceRegistryCredentialInput.from_dict(data)

                return credential_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InstanceRegistryCredentialInput | None | Unset, data)

        credential = _parse_credential(d.pop("credential", UNSET))

        instance_registry_input = cls(
            type_=type_,
            name=name,
            url=url,
            description=description,
            insecure=insecure,
            credential=credential,
        )

        return instance_registry_input
