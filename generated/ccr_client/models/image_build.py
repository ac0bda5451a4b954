from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImageBuild")


@_attrs_define
class ImageBuild:
    """An image-build task (bce-sdk-go `BuildRepositoryTaskResult`).

    Attributes:
        id (str): Image-build task id, a decimal number carried as a JSON string.
        tag_name (str): Tag the build produces.
        is_latest (bool): Whether the build also tags the image `latest`.
        status (str): Build status as Baidu reports it; no source lists the values.
        from_type (str): What the build starts from, e.g. `dockerfile`.
        dockerfile (str): The Dockerfile built.
        create_by (str): User who started the build.
        create_at (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        image (str): Full reference of the image built.
    """

    id: str
    tag_name: str
    is_latest: bool
    status: str
    from_type: str
    dockerfile: str
    create_by: str
    create_at: datetime.datetime
    image: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tag_name = self.tag_name

        is_latest = self.is_latest

        status = self.status

        from_type = self.from_type

        dockerfile = self.dockerfile

        create_by = self.create_by

        create_at = self.create_at.isoformat()

        image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tagName": tag_name,
                "isLatest": is_latest,
                "status": status,
                "fromType": from_type,
                "dockerfile": dockerfile,
                "createBy": create_by,
                "createAt": create_at,
                "image": image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        tag_name = d.pop("tagName")

        is_latest = d.pop("isLatest")

        status = d.pop("status")

        from_type = d.pop("fromType")

        dockerfile = d.pop("dockerfile")

        create_by = d.pop("createBy")

        create_at = datetime.datetime.fromisoformat(d.pop("createAt"))

        image = d.pop("image")

        image_build = cls(
            id=id,
            tag_name=tag_name,
            is_latest=is_latest,
            status=status,
            from_type=from_type,
            dockerfile=dockerfile,
            create_by=create_by,
            create_at=create_at,
            image=image,
        )

        image_build.additional_properties = d
        return image_build

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
