from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.instance_type import InstanceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_tag import InstanceTag


T = TypeVar("T", bound="InstanceSummary")


@_attrs_define
class InstanceSummary:
    """The instance as the rename answers it (no `privateURL` or `customDomains`).

    Attributes:
        id (str):
        name (str):
        instance_type (InstanceType): Instance edition: `BASIC`, `STANDARD` or `ADVANCED`.
        public_url (str):
        region (str):
        status (str):
        create_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        expire_time (datetime.datetime | Unset): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's
            date rule asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        tags (InstanceTag | Unset): One key/value tag of an instance, as returned.
    """

    id: str
    name: str
    instance_type: InstanceType
    public_url: str
    region: str
    status: str
    create_time: datetime.datetime
    expire_time: datetime.datetime | Unset = UNSET
    tags: InstanceTag | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        instance_type = self.instance_type.value

        public_url = self.public_url

        region = self.region

        status = self.status

        create_time = self.create_time.isoformat()

        expire_time: str | Unset = UNSET
        if not isinstance(self.expire_time, Unset):
            expire_time = self.expire_time.isoformat()

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "instanceType": instance_type,
                "publicURL": public_url,
                "region": region,
                "status": status,
                "createTime": create_time,
            }
        )
        if expire_time is not UNSET:
            field_dict["expireTime"] = expire_time
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_tag import InstanceTag

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        instance_type = InstanceType(d.pop("instanceType"))

        public_url = d.pop("publicURL")

        region = d.pop("region")

        status = d.pop("status")

        create_time = datetime.datetime.fromisoformat(d.pop("createTime"))

        _expire_time = d.pop("expireTime", UNSET)
        expire_time: datetime.datetime | Unset
        if isinstance(_expire_time, Unset):
            expire_time = UNSET
        else:
            expire_time = datetime.datetime.fromisoformat(_expire_time)

        _tags = d.pop("tags", UNSET)
        tags: InstanceTag | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = InstanceTag.from_dict(_tags)

        instance_summary = cls(
            id=id,
            name=name,
            instance_type=instance_type,
            public_url=public_url,
            region=region,
            status=status,
            create_time=create_time,
            expire_time=expire_time,
            tags=tags,
        )

        instance_summary.additional_properties = d
        return instance_summary

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
