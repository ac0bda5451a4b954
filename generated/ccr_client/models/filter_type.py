from enum import StrEnum


class FilterType(StrEnum):
    NAME = "name"
    TAG = "tag"

    def __str__(self) -> str:
        return str(self.value)
