from enum import StrEnum


class PublishOn(StrEnum):
    AGREED = "agreed"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
