from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_status import RegistryStatus
from ..models.registry_type import RegistryType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential import Credential


T = TypeVar("T", bound="Registry")


@_attrs_define
class Registry:
    """A registry authorization as returned.

    Attributes:
        id (int): Numeric resource id.
        type_ (RegistryType): Kind of external registry.
        name (str):
        url (str):
        credential (Credential): A credential as returned; the secret is never returned.
        description (None | str | Unset):
        status (None | RegistryStatus | Unset): Result of the last health check; null when never checked (ERRATA E16).
        insecure (bool | Unset):
        creation_time (datetime.datetime | Unset): UTC date-time as `YYYY-MM-DDThh:mm:ssZ` (the seed's date rule).
        update_time (datetime.datetime | Unset): UTC date-time as `YYYY-MM-DDThh:mm:ssZ` (the seed's date rule).
    """

    id: int
    type_: RegistryType
    name: str
    url: str
    credential: Credential
    description: None | str | Unset = UNSET
    status: None | RegistryStatus | Unset = UNSET
    insecure: bool | Unset = UNSET
    creation_time: datetime.datetime | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        name = self.name

        url = self.url

        credential = self.credential.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, RegistryStatus):
            status = self.status.value
        else:
            status = self.status

        insecure = self.insecure

        creation_time: str | Unset = UNSET
        if not isinstance(self.creation_time, Unset):
            creation_time = self.creation_time.isoformat()

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "name": name,
                "url": url,
                "credential": credential,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if insecure is not UNSET:
            field_dict["insecure"] = insecure
        if creation_time is not UNSET:
            field_dict["creationTime"] = creation_time
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credential import Credential

        d = dict(src_dict)
        id = d.pop("id")

        type_ = RegistryType(d.pop("type"))

        name = d.pop("name")

        url = d.pop("url")

        credential = Credential.from_dict(d.pop("credential"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_status(data: object) -> None | RegistryStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = RegistryStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RegistryStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        insecure = d.pop("insecure", UNSET)

        _creation_time = d.pop("creationTime", UNSET)
        creation_time: datetime.datetime | Unset
        if isinstance(_creation_time, Unset):
            creation_time = UNSET
        else:
            creation_time = datetime.datetime.fromisoformat(_creation_time)

        _update_time = d.pop("updateTime", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        registry = cls(
            id=id,
            type_=type_,
            name=name,
            url=url,
            credential=credential,
            description=description,
            status=status,
            insecure=insecure,
            creation_time=creation_time,
            update_time=update_time,
        )

        registry.additional_properties = d
        return registry

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
