from enum import StrEnum


class RegistryStatus(StrEnum):
    ABNORMAL = "abnormal"
    HEALTHY = "healthy"
    NORMAL = "normal"
    UNHEALTHY = "unhealthy"

    def __str__(self) -> str:
        return str(self.value)
