from enum import StrEnum


class InstanceRegistryCredentialInputType(StrEnum):
    BASIC = "basic"
    OAUTH = "oauth"

    def __str__(self) -> str:
        return str(self.value)
