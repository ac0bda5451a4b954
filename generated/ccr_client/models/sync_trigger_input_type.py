from enum import StrEnum


class SyncTriggerInputType(StrEnum):
    EVENT_BASED = "event_based"
    MANUAL = "manual"

    def __str__(self) -> str:
        return str(self.value)
