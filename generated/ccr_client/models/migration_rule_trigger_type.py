from enum import StrEnum


class MigrationRuleTriggerType(StrEnum):
    EVENT_BASED = "event_based"
    MANUAL = "manual"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
