from enum import StrEnum


class ObjectiveForecastPublicReasonType0(StrEnum):
    CHILD_WITHOUT_FORECAST = "child_without_forecast"
    DERIVED = "derived"
    KEY_RESULT_WITHOUT_FORECAST = "key_result_without_forecast"
    NOT_MEASURABLE = "not_measurable"
    NO_CHECK_INS = "no_check_ins"
    NO_KEY_RESULTS = "no_key_results"

    def __str__(self) -> str:
        return str(self.value)
