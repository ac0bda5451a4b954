from enum import StrEnum


class RobotAccessInputResource(StrEnum):
    REPOSITORY = "repository"

    def __str__(self) -> str:
        return str(self.value)
