from enum import StrEnum


class OwnerType(StrEnum):
    PERSON = "person"
    UNIT = "unit"

    def __str__(self) -> str:
        return str(self.value)
