from enum import StrEnum


class MigrationExecutionStatus(StrEnum):
    FAILED = "Failed"
    INPROGRESS = "InProgress"
    STOPPED = "Stopped"
    SUCCEED = "Succeed"

    def __str__(self) -> str:
        return str(self.value)
