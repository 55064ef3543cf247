from enum import StrEnum


class KeyResultKind(StrEnum):
    DERIVED = "derived"
    MILESTONE = "milestone"
    NUMERIC = "numeric"

    def __str__(self) -> str:
        return str(self.value)
