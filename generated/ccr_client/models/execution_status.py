from enum import StrEnum


class ExecutionStatus(StrEnum):
    FAILED = "Failed"
    INPROGRESS = "InProgress"
    STOPPED = "Stopped"
    SUCCEED = "Succeed"

    def __str__(self) -> str:
        return str(self.value)
