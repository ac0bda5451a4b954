from enum import StrEnum


class CredentialInputType(StrEnum):
    BASIC = "basic"

    def __str__(self) -> str:
        return str(self.value)
