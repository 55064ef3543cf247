from enum import StrEnum


class ForecastPublicMethod(StrEnum):
    DERIVED_ROLLUP = "derived_rollup"
    MILESTONE_DONE = "milestone_done"
    MILESTONE_OPEN = "milestone_open"
    NONE = "none"
    PACE = "pace"
    THEIL_SEN = "theil_sen"
    WEIGHTED = "weighted"

    def __str__(self) -> str:
        return str(self.value)
