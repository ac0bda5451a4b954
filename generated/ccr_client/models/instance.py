from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.instance_type import InstanceType

if TYPE_CHECKING:
    from ..models.instance_tag import InstanceTag


T = TypeVar("T", bound="Instance")


@_attrs_define
class Instance:
    """An Enterprise instance, as listed and as `info` of the instance detail.

    Attributes:
        id (str): Instance id.
        name (str): Display name.
        instance_type (InstanceType): Instance edition: `BASIC`, `STANDARD` or `ADVANCED`.
        public_url (str): Host name of the instance's public endpoint.
        private_url (str): Host name of the instance's VPC endpoint (not known to bce-sdk-go).
        custom_domains (list[str]): Custom domain names bound to the instance (not known to bce-sdk-go).
        region (str): Region id, e.g. `bj`.
        status (str): Instance status as Baidu reports it, e.g. `running`; no source lists the values.
        create_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        expire_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        tags (list[InstanceTag]): The instance's tags.
    """

    id: str
    name: str
    instance_type: InstanceType
    public_url: str
    private_url: str
    custom_domains: list[str]
    region: str
    status: str
    create_time: datetime.datetime
    expire_time: datetime.datetime
    tags: list[InstanceTag]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        instance_type = self.instance_type.value

        public_url = self.public_url

        private_url = self.private_url

        custom_domains = self.custom_domains

        region = self.region

        status = self.status

        create_time = self.create_time.isoformat()

        expire_time = self.expire_time.isoformat()

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "instanceType": instance_type,
                "publicURL": public_url,
                "privateURL": private_url,
                "customDomains": custom_domains,
                "region": region,
                "status": status,
                "createTime": create_time,
                "expireTime": expire_time,
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_tag import InstanceTag

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        instance_type = InstanceType(d.pop("instanceType"))

        public_url = d.pop("publicURL")

        private_url = d.pop("privateURL")

        custom_domains = cast(list[str], d.pop("customDomains"))

        region = d.pop("region")

        status = d.pop("status")

        create_time = datetime.datetime.fromisoformat(d.pop("createTime"))

        expire_time = datetime.datetime.fromisoformat(d.pop("expireTime"))

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = InstanceTag.from_dict(tags_item_data)

            tags.append(tags_item)

        instance = cls(
            id=id,
            name=name,
            instance_type=instance_type,
            public_url=public_url,
            private_url=private_url,
            custom_domains=custom_domains,
            region=region,
            status=status,
            create_time=create_time,
            expire_time=expire_time,
            tags=tags,
        )

        instance.additional_properties = d
        return instance

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
