from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tag_artifact_type import TagArtifactType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tag_scan_overview import TagScanOverview


T = TypeVar("T", bound="Tag")


@_attrs_define
class Tag:
    """One tag of a repository as returned by ListTags and GetTagDetail. The twelve fields
    Baidu's metadata and the Python SDK define are always sent; `acceleratorStatus`,
    `immutabled` and `preventStatus` come from bce-sdk-go only and are optional
    (ERRATA E42).

        Attributes:
            tag_name (str): Tag name.
            digest (str): Content digest of the artifact (`sha256:` and 64 hex digits for images).
            project_id (int): Id of the namespace holding the artifact.
            repository_id (int): Id of the repository holding the artifact.
            pull_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            push_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            architecture (str): CPU architecture of the image (`amd64`, `arm64`); empty for a chart.
            os (str): Operating system of the image (`linux`); empty for a chart.
            author (str): Author recorded in the image configuration; often empty.
            type_ (TagArtifactType): Kind of artifact a tag points to.
            size (int): Size of the artifact in bytes (64-bit; ERRATA E55).
            scan_overview (None | TagScanOverview): Summary of the latest vulnerability scan; null when the tag was never
                scanned.
            accelerator_status (str | Unset): On-demand loading (image acceleration) state of the tag; bce-sdk-go only,
                values
                undocumented (ERRATA E42).
            immutabled (bool | Unset): True when an immutability rule protects the tag; bce-sdk-go only.
            prevent_status (bool | Unset): True when the tag is under deletion protection; bce-sdk-go only.
    """

    tag_name: str
    digest: str
    project_id: int
    repository_id: int
    pull_time: datetime.datetime
    push_time: datetime.datetime
    architecture: str
    os: str
    author: str
    type_: TagArtifactType
    size: int
    scan_overview: None | TagScanOverview
    accelerator_status: str | Unset = UNSET
    immutabled: bool | Unset = UNSET
    prevent_status: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tag_scan_overview import TagScanOverview

        tag_name = self.tag_name

        digest = self.digest

        project_id = self.project_id

        repository_id = self.repository_id

        pull_time = self.pull_time.isoformat()

        push_time = self.push_time.isoformat()

        architecture = self.architecture

        os = self.os

        author = self.author

        type_ = self.type_.value

        size = self.size

        scan_overview: dict[str, Any] | None
        if isinstance(self.scan_overview, TagScanOverview):
            scan_overview = self.scan_overview.to_dict()
        else:
            scan_overview = self.scan_overview

        accelerator_status = self.accelerator_status

        immutabled = self.immutabled

        prevent_status = self.prevent_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tagName": tag_name,
                "digest": digest,
                "projectId": project_id,
                "repositoryId": repository_id,
                "pullTime": pull_time,
                "pushTime": push_time,
                "architecture": architecture,
                "os": os,
                "author": author,
                "type": type_,
                "size": size,
                "scanOverview": scan_overview,
            }
        )
        if accelerator_status is not UNSET:
            field_dict["acceleratorStatus"] = accelerator_status
        if immutabled is not UNSET:
            field_dict["immutabled"] = immutabled
        if prevent_status is not UNSET:
            field_dict["preventStatus"] = prevent_status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag_scan_overview import TagScanOverview

        d = dict(src_dict)
        tag_name = d.pop("tagName")

        digest = d.pop("digest")

        project_id = d.pop("projectId")

        repository_id = d.pop("repositoryId")

        pull_time = datetime.datetime.fromisoformat(d.pop("pullTime"))

        push_time = datetime.datetime.fromisoformat(d.pop("pushTime"))

        architecture = d.pop("architecture")

        os = d.pop("os")

        author = d.pop("author")

        type_ = TagArtifactType(d.pop("type"))

        size = d.pop("size")

        def _parse_scan_overview(data: object) -> None | TagScanOverview:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scan_overview_type_0 = TagScanOverview.from_dict(data)

                return scan_overview_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TagScanOverview, data)

        scan_overview = _parse_scan_overview(d.pop("scanOverview"))

        accelerator_status = d.pop("acceleratorStatus", UNSET)

        immutabled = d.pop("immutabled", UNSET)

        prevent_status = d.pop("preventStatus", UNSET)

        tag = cls(
            tag_name=tag_name,
            digest=digest,
            project_id=project_id,
            repository_id=repository_id,
            pull_time=pull_time,
            push_time=push_time,
            architecture=architecture,
            os=os,
            author=author,
            type_=type_,
            size=size,
            scan_overview=scan_overview,
            accelerator_status=accelerator_status,
            immutabled=immutabled,
            prevent_status=prevent_status,
        )

        tag.additional_properties = d
        return tag

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
