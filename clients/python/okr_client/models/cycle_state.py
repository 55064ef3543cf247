from enum import StrEnum


class CycleState(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    PLANNING = "planning"
    REVIEW = "review"

    def __str__(self) -> str:
        return str(self.value)
