from enum import StrEnum


class ScanStatus(StrEnum):
    CANCELLED = "Cancelled"
    ERROR = "Error"
    PENDING = "Pending"
    RUNNING = "Running"
    SCHEDULED = "Scheduled"
    STOPPED = "Stopped"
    SUCCESS = "Success"

    def __str__(self) -> str:
        return str(self.value)
