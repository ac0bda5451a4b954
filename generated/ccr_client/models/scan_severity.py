from enum import StrEnum


class ScanSeverity(StrEnum):
    CRITICAL = "Critical"
    HIGH = "High"
    LOW = "Low"
    MEDIUM = "Medium"
    NEGLIGIBLE = "Negligible"
    NONE = "None"
    UNKNOWN = "Unknown"

    def __str__(self) -> str:
        return str(self.value)
