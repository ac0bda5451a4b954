from enum import StrEnum


class InstanceRegistryType(StrEnum):
    BAIDU_CCR = "baidu-ccr"
    DOCKER_HUB = "docker-hub"
    DOCKER_REGISTRY = "docker-registry"
    HARBOR = "harbor"

    def __str__(self) -> str:
        return str(self.value)
