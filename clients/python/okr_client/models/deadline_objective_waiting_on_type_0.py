from enum import StrEnum


class DeadlineObjectiveWaitingOnType0(StrEnum):
    APPROVER = "approver"
    OWNER = "owner"

    def __str__(self) -> str:
        return str(self.value)
