from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trigger_job import TriggerJob


T = TypeVar("T", bound="TriggerJobPage")


@_attrs_define
class TriggerJobPage:
    """A page of trigger jobs.

    Attributes:
        total (int): Number of jobs, over all pages.
        page_no (int):
        page_size (int):
        jobs (list[TriggerJob]):
    """

    total: int
    page_no: int
    page_size: int
    jobs: list[TriggerJob]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page_no = self.page_no

        page_size = self.page_size

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "pageNo": page_no,
                "pageSize": page_size,
                "jobs": jobs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_job import TriggerJob

        d = dict(src_dict)
        total = d.pop("total")

        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = TriggerJob.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        trigger_job_page = cls(
            total=total,
            page_no=page_no,
            page_size=page_size,
            jobs=jobs,
        )

        trigger_job_page.additional_properties = d
        return trigger_job_page

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
