from enum import StrEnum


class TagArtifactType(StrEnum):
    CHART = "chart"
    IMAGE = "image"

    def __str__(self) -> str:
        return str(self.value)
