from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Chart")


@_attrs_define
class Chart:
    """One chart of a namespace, summarising its versions.

    Attributes:
        name (str): Chart name.
        total_versions (int): Number of versions stored.
        latest_version (str): Highest version stored.
        home (str): URL of the project's home page, from `Chart.yaml`; may be empty.
        icon (str): URL of the chart's icon, from `Chart.yaml`; may be empty.
        deprecated (bool): True when the latest version is marked deprecated.
        created (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        updated (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
    """

    name: str
    total_versions: int
    latest_version: str
    home: str
    icon: str
    deprecated: bool
    created: datetime.datetime
    updated: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        total_versions = self.total_versions

        latest_version = self.latest_version

        home = self.home

        icon = self.icon

        deprecated = self.deprecated

        created = self.created.isoformat()

        updated = self.updated.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "totalVersions": total_versions,
                "latestVersion": latest_version,
                "home": home,
                "icon": icon,
                "deprecated": deprecated,
                "created": created,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        total_versions = d.pop("totalVersions")

        latest_version = d.pop("latestVersion")

        home = d.pop("home")

        icon = d.pop("icon")

        deprecated = d.pop("deprecated")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        updated = datetime.datetime.fromisoformat(d.pop("updated"))

        chart = cls(
            name=name,
            total_versions=total_versions,
            latest_version=latest_version,
            home=home,
            icon=icon,
            deprecated=deprecated,
            created=created,
            updated=updated,
        )

        chart.additional_properties = d
        return chart

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
