from enum import StrEnum


class BatchItemResultOutcome(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
