from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scan_severity import ScanSeverity
from ..models.scan_status import ScanStatus

if TYPE_CHECKING:
    from ..models.scan_severity_summary import ScanSeveritySummary


T = TypeVar("T", bound="TagScanOverview")


@_attrs_define
class TagScanOverview:
    """Summary of a tag's latest vulnerability scan. bce-sdk-go reads only `scanStatus`,
    `startTime`, `endTime`, `reportId` and `severity`; the counts come from Baidu's metadata and
    the Python SDK (ERRATA E54).

        Attributes:
            scan_status (ScanStatus): State of a scan (the report-generating job): `Pending`, `Scheduled` or `Running` until
                it ends
                as `Success`, `Error`, `Stopped` or `Cancelled`. Baidu's sources name no values; these are
                the job states of Harbor, on which CCR is built (ERRATA E54).
            report_id (str): Id of the scan report.
            severity (ScanSeverity): Severity of a vulnerability, or the highest severity found by a scan. The Python SDK
                lists
                `Critical`, `High`, `Medium` and `Low`; `Negligible`, `Unknown` and `None` (nothing found)
                are the scanner's other levels (ERRATA E54). Listed from the most to the least severe.
            start_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            end_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            total (int): Number of vulnerabilities found.
            fixable (int): Number of vulnerabilities a newer package version fixes.
            summary (ScanSeveritySummary): Number of vulnerabilities per severity; keys are `ScanSeverity` values, absent
                keys mean 0.
    """

    scan_status: ScanStatus
    report_id: str
    severity: ScanSeverity
    start_time: datetime.datetime
    end_time: datetime.datetime
    total: int
    fixable: int
    summary: ScanSeveritySummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scan_status = self.scan_status.value

        report_id = self.report_id

        severity = self.severity.value

        start_time = self.start_time.isoformat()

        end_time = self.end_time.isoformat()

        total = self.total

        fixable = self.fixable

        summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scanStatus": scan_status,
                "reportId": report_id,
                "severity": severity,
                "startTime": start_time,
                "endTime": end_time,
                "total": total,
                "fixable": fixable,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scan_severity_summary import ScanSeveritySummary

        d = dict(src_dict)
        scan_status = ScanStatus(d.pop("scanStatus"))

        report_id = d.pop("reportId")

        severity = ScanSeverity(d.pop("severity"))

        start_time = datetime.datetime.fromisoformat(d.pop("startTime"))

        end_time = datetime.datetime.fromisoformat(d.pop("endTime"))

        total = d.pop("total")

        fixable = d.pop("fixable")

        summary = ScanSeveritySummary.from_dict(d.pop("summary"))

        tag_scan_overview = cls(
            scan_status=scan_status,
            report_id=report_id,
            severity=severity,
            start_time=start_time,
            end_time=end_time,
            total=total,
            fixable=fixable,
            summary=summary,
        )

        tag_scan_overview.additional_properties = d
        return tag_scan_overview

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
