from enum import StrEnum


class TriggerEventType(StrEnum):
    DELETE_ARTIFACT = "DELETE_ARTIFACT"
    DELETE_CHART = "DELETE_CHART"
    DOWNLOAD_CHART = "DOWNLOAD_CHART"
    PULL_ARTIFACT = "PULL_ARTIFACT"
    PUSH_ARTIFACT = "PUSH_ARTIFACT"
    UPLOAD_CHART = "UPLOAD_CHART"

    def __str__(self) -> str:
        return str(self.value)
