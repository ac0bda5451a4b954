from enum import StrEnum


class ListRegistriesKeywordType(StrEnum):
    NAME = "name"

    def __str__(self) -> str:
        return str(self.value)
