from enum import StrEnum


class InstanceType(StrEnum):
    ADVANCED = "ADVANCED"
    BASIC = "BASIC"
    STANDARD = "STANDARD"

    def __str__(self) -> str:
        return str(self.value)
