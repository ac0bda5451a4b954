from enum import StrEnum


class RegistryType(StrEnum):
    DOCKER_REGISTRY = "docker-registry"
    HARBOR = "harbor"

    def __str__(self) -> str:
        return str(self.value)
