from enum import StrEnum


class RobotAccessInputAction(StrEnum):
    PULL = "pull"
    PUSH = "push"

    def __str__(self) -> str:
        return str(self.value)
