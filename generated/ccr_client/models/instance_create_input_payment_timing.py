from enum import StrEnum


class InstanceCreateInputPaymentTiming(StrEnum):
    PREPAY = "prepay"

    def __str__(self) -> str:
        return str(self.value)
