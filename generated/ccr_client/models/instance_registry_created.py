from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.instance_registry_type import InstanceRegistryType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_registry_credential import InstanceRegistryCredential


T = TypeVar("T", bound="InstanceRegistryCreated")


@_attrs_define
class InstanceRegistryCreated:
    """The answer of `CreateRegistry`: the registry, optionally with snake_case copies of its
    timestamps, which are what bce-sdk-go's model of this answer reads (ERRATA E66).

        Attributes:
            id (int):
            name (str):
            description (str):
            type_ (InstanceRegistryType): Kind of registry (bce-sdk-go's list; baiducloud-python-sdk-ccr's model names the
                first three).
            url (str):
            insecure (bool):
            status (str): Result of the last health check (`healthy`, `unhealthy`, `unknown`).
            credential (InstanceRegistryCredential | None): The credential without its secret; null for an anonymous
                registry.
            creationTime (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            updateTime (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            creation_time (datetime.datetime | Unset): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's
                date rule asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            update_time (datetime.datetime | Unset): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's
                date rule asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
    """

    id: int
    name: str
    description: str
    type_: InstanceRegistryType
    url: str
    insecure: bool
    status: str
    credential: InstanceRegistryCredential | None
    creationTime: datetime.datetime
    updateTime: datetime.datetime
    creation_time: datetime.datetime | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.instance_registry_credential import InstanceRegistryCredential

        id = self.id

        name = self.name

        description = self.description

        type_ = self.type_.value

        url = self.url

        insecure = self.insecure

        status = self.status

        credential: dict[str, Any] | None
        if isinstance(self.credential, InstanceRegistryCredential):
            credential = self.credential.to_dict()
        else:
            credential = self.credential

        creationTime = self.creationTime.isoformat()

        updateTime = self.updateTime.isoformat()

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
                "name": name,
                "description": description,
                "type": type_,
                "url": url,
                "insecure": insecure,
                "status": status,
                "credential": credential,
                "creationTime": creationTime,
                "updateTime": updateTime,
            }
        )
        if creation_time is not UNSET:
            field_dict["creation_time"] = creation_time
        if update_time is not UNSET:
            field_dict["update_time"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_registry_credential import InstanceRegistryCredential

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        type_ = InstanceRegistryType(d.pop("type"))

        url = d.pop("url")

        insecure = d.pop("insecure")

        status = d.pop("status")

        def _parse_credential(data: object) -> InstanceRegistryCredential | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                credential_type_0 = InstanceRegistryCredential.from_dict(data)

                return credential_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InstanceRegistryCredential | None, data)

        credential = _parse_credential(d.pop("credential"))

        creationTime = datetime.datetime.fromisoformat(d.pop("creationTime"))

        updateTime = datetime.datetime.fromisoformat(d.pop("updateTime"))

        _creation_time = d.pop("creation_time", UNSET)
        creation_time: datetime.datetime | Unset
        if isinstance(_creation_time, Unset):
            creation_time = UNSET
        else:
            creation_time = datetime.datetime.fromisoformat(_creation_time)

        _update_time = d.pop("update_time", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        instance_registry_created = cls(
            id=id,
            name=name,
            description=description,
            type_=type_,
            url=url,
            insecure=insecure,
            status=status,
            credential=credential,
            creationTime=creationTime,
            updateTime=updateTime,
            creation_time=creation_time,
            update_time=update_time,
        )

        instance_registry_created.additional_properties = d
        return instance_registry_created

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
