from enum import StrEnum


class DeadlineKind(StrEnum):
    AGREEMENT = "agreement"
    PUBLICATION = "publication"
    REVIEW_CONFIRMATION = "review_confirmation"
    REVIEW_SUBMISSION = "review_submission"
    SUBMISSION = "submission"

    def __str__(self) -> str:
        return str(self.value)
