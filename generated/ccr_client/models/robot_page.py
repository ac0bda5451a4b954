from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.robot import Robot


T = TypeVar("T", bound="RobotPage")


@_attrs_define
class RobotPage:
    """A page of robot accounts.

    Attributes:
        total (int): Number of robot accounts matching the query, over all pages.
        page_no (int): This page's number.
        page_size (int): Records per page.
        robots (list[Robot]):
    """

    total: int
    page_no: int
    page_size: int
    robots: list[Robot]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page_no = self.page_no

        page_size = self.page_size

        robots = []
        for robots_item_data in self.robots:
            robots_item = robots_item_data.to_dict()
            robots.append(robots_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "pageNo": page_no,
                "pageSize": page_size,
                "robots": robots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot import Robot

        d = dict(src_dict)
        total = d.pop("total")

        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        robots = []
        _robots = d.pop("robots")
        for robots_item_data in _robots:
            robots_item = Robot.from_dict(robots_item_data)

            robots.append(robots_item)

        robot_page = cls(
            total=total,
            page_no=page_no,
            page_size=page_size,
            robots=robots,
        )

        robot_page.additional_properties = d
        return robot_page

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
