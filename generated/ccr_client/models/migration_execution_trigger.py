from enum import StrEnum


class MigrationExecutionTrigger(StrEnum):
    EVENT_BASED = "event_based"
    MANUAL = "manual"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
