from enum import StrEnum


class ObjectiveState(StrEnum):
    AGREED = "agreed"
    CANCELLED = "cancelled"
    DRAFT = "draft"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
