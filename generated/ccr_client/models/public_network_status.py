from enum import StrEnum


class PublicNetworkStatus(StrEnum):
    CLOSED = "closed"
    CLOSING = "closing"
    OPENED = "opened"
    OPENING = "opening"

    def __str__(self) -> str:
        return str(self.value)
