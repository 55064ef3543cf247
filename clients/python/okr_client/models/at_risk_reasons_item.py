from enum import StrEnum


class AtRiskReasonsItem(StrEnum):
    CONFIDENCE_DROP = "confidence_drop"
    LOW_CONFIDENCE = "low_confidence"
    STALE = "stale"

    def __str__(self) -> str:
        return str(self.value)
