from enum import StrEnum


class Status(StrEnum):
    LATE = "late"
    ON_TIME = "on_time"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
