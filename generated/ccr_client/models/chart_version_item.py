from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chart_maintainer import ChartMaintainer


T = TypeVar("T", bound="ChartVersionItem")


@_attrs_define
class ChartVersionItem:
    """One version of a chart, with the metadata of its `Chart.yaml`.

    Attributes:
        name (str): Chart name.
        description (str): One-line description from `Chart.yaml`.
        api_version (str): Chart API version (`v1` for Helm 2 charts, `v2` for Helm 3).
        app_version (str): Version of the application the chart installs; may be empty.
        version (str): Chart version.
        urls (list[str]): Package files of this version, relative to the namespace's chart repository
            (`charts/nginx-1.0.0.tgz`).
        digest (str): SHA-256 of the package file, in hex.
        engine (str): Template engine (`gotpl`); may be empty.
        home (str): URL of the project's home page; may be empty.
        icon (str): URL of the chart's icon; may be empty.
        sources (list[str]): URLs of the chart's source code.
        created (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        deprecated (bool): True when this version is marked deprecated.
        removed (bool): True when this version has been removed.
        maintainers (list[ChartMaintainer | str]): The chart's maintainers. Baidu's metadata and the Python SDK type
            them as strings; Helm
            records objects with `name`, `email` and `url`; both forms are accepted (ERRATA E56).
    """

    name: str
    description: str
    api_version: str
    app_version: str
    version: str
    urls: list[str]
    digest: str
    engine: str
    home: str
    icon: str
    sources: list[str]
    created: datetime.datetime
    deprecated: bool
    removed: bool
    maintainers: list[ChartMaintainer | str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chart_maintainer import ChartMaintainer

        name = self.name

        description = self.description

        api_version = self.api_version

        app_version = self.app_version

        version = self.version

        urls = self.urls

        digest = self.digest

        engine = self.engine

        home = self.home

        icon = self.icon

        sources = self.sources

        created = self.created.isoformat()

        deprecated = self.deprecated

        removed = self.removed

        maintainers = []
        for maintainers_item_data in self.maintainers:
            maintainers_item: dict[str, Any] | str
            if isinstance(maintainers_item_data, ChartMaintainer):
                maintainers_item = maintainers_item_data.to_dict()
            else:
                maintainers_item = maintainers_item_data
            maintainers.append(maintainers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "apiVersion": api_version,
                "appVersion": app_version,
                "version": version,
                "urls": urls,
                "digest": digest,
                "engine": engine,
                "home": home,
                "icon": icon,
                "sources": sources,
                "created": created,
                "deprecated": deprecated,
                "removed": removed,
                "maintainers": maintainers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chart_maintainer import ChartMaintainer

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        api_version = d.pop("apiVersion")

        app_version = d.pop("appVersion")

        version = d.pop("version")

        urls = cast(list[str], d.pop("urls"))

        digest = d.pop("digest")

        engine = d.pop("engine")

        home = d.pop("home")

        icon = d.pop("icon")

        sources = cast(list[str], d.pop("sources"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        deprecated = d.pop("deprecated")

        removed = d.pop("removed")

        maintainers = []
        _maintainers = d.pop("maintainers")
        for maintainers_item_data in _maintainers:

            def _parse_maintainers_item(data: object) -> ChartMaintainer | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    maintainers_item_type_1 = ChartMaintainer.from_dict(data)

                    return maintainers_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(ChartMaintainer | str, data)

            maintainers_item = _parse_maintainers_item(maintainers_item_data)

            maintainers.append(maintainers_item)

        chart_version_item = cls(
            name=name,
            description=description,
            api_version=api_version,
            app_version=app_version,
            version=version,
            urls=urls,
            digest=digest,
            engine=engine,
            home=home,
            icon=icon,
            sources=sources,
            created=created,
            deprecated=deprecated,
            removed=removed,
            maintainers=maintainers,
        )

        chart_version_item.additional_properties = d
        return chart_version_item

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
