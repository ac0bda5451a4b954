from enum import StrEnum


class InstanceRenewConfigUnionExpireOrderFlag(StrEnum):
    VALUE_0 = ""
    VALUE_1 = "1"

    def __str__(self) -> str:
        return str(self.value)
