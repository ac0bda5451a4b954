from enum import StrEnum


class InstanceRenewConfigTimeUnit(StrEnum):
    DAY = "day"
    MONTH = "month"
    VALUE_0 = ""
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
