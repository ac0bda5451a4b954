from enum import StrEnum


class MigrationRuleTriggerInputType(StrEnum):
    MANUAL = "manual"

    def __str__(self) -> str:
        return str(self.value)
