from enum import StrEnum


class TriggerFilterType(StrEnum):
    PROJECT_NAME = "project_name"
    REPOSITORY_NAME = "repository_name"
    TAG = "tag"

    def __str__(self) -> str:
        return str(self.value)
