from enum import StrEnum


class ActionResultAction(StrEnum):
    CHECKHEALTH = "checkHealth"
    CREATE = "create"
    DELETE = "delete"
    START = "start"
    STOP = "stop"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
