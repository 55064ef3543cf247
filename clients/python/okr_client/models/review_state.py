from enum import StrEnum


class ReviewState(StrEnum):
    CONFIRMED = "confirmed"
    DRAFT = "draft"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
