from enum import StrEnum


class VpcLinkInputIpType(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"

    def __str__(self) -> str:
        return str(self.value)
