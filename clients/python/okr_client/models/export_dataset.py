from enum import StrEnum


class ExportDataset(StrEnum):
    CHECK_INS = "check-ins"
    KEY_RESULTS = "key-results"
    OBJECTIVES = "objectives"
    ORG_UNITS = "org-units"
    PEOPLE = "people"
    REVIEWS = "reviews"

    def __str__(self) -> str:
        return str(self.value)
