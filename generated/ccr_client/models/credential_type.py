from enum import StrEnum


class CredentialType(StrEnum):
    BASIC = "basic"

    def __str__(self) -> str:
        return str(self.value)
