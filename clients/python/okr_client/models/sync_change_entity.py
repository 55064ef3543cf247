from enum import StrEnum


class SyncChangeEntity(StrEnum):
    PERSON = "person"
    UNIT = "unit"

    def __str__(self) -> str:
        return str(self.value)
