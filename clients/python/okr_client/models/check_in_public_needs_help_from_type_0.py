from enum import StrEnum


class CheckInPublicNeedsHelpFromType0(StrEnum):
    COMPANY = "company"
    MANAGER = "manager"

    def __str__(self) -> str:
        return str(self.value)
