from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ImageBuildInput")


@_attrs_define
class ImageBuildInput:
    """An image build as written by create (bce-sdk-go `BuildRepositoryTaskArgs`).

    Attributes:
        tag_name (str): Tag to build into.
        is_latest (bool): Whether to also tag the image `latest`.
        from_type (str): What the build starts from; `dockerfile` (bce-sdk-go's test spells it `dcokerfile`).
        dockerfile (str): Dockerfile text.
    """

    tag_name: str
    is_latest: bool
    from_type: str
    dockerfile: str

    def to_dict(self) -> dict[str, Any]:
        tag_name = self.tag_name

        is_latest = self.is_latest

        from_type = self.from_type

        dockerfile = self.dockerfile

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tagName": tag_name,
                "isLatest": is_latest,
                "fromType": from_type,
                "dockerfile": dockerfile,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tag_name = d.pop("tagName")

        is_latest = d.pop("isLatest")

        from_type = d.pop("fromType")

        dockerfile = d.pop("dockerfile")

        image_build_input = cls(
            tag_name=tag_name,
            is_latest=is_latest,
            from_type=from_type,
            dockerfile=dockerfile,
        )

        return image_build_input
