from enum import StrEnum


class ReviewFlag(StrEnum):
    KRS_MET_OBJECTIVE_MISSED = "krs_met_objective_missed"
    RECONSIDER = "reconsider"
    TOO_EASY = "too_easy"

    def __str__(self) -> str:
        return str(self.value)
