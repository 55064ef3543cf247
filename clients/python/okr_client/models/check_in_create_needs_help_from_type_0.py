from enum import StrEnum


class CheckInCreateNeedsHelpFromType0(StrEnum):
    COMPANY = "company"
    MANAGER = "manager"

    def __str__(self) -> str:
        return str(self.value)
