from enum import StrEnum


class MigrationTaskStatus(StrEnum):
    FAILED = "Failed"
    INPROGRESS = "InProgress"
    PENDING = "Pending"
    STOPPED = "Stopped"
    SUCCEED = "Succeed"

    def __str__(self) -> str:
        return str(self.value)
