from enum import StrEnum


class CheckInBatchCheckInBatchItemNeedsHelpFromType0(StrEnum):
    COMPANY = "company"
    MANAGER = "manager"

    def __str__(self) -> str:
        return str(self.value)
