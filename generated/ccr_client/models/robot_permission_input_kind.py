from enum import StrEnum


class RobotPermissionInputKind(StrEnum):
    PROJECT = "project"

    def __str__(self) -> str:
        return str(self.value)
