from enum import StrEnum


class Origin(StrEnum):
    BOTTOM_UP = "bottom_up"
    TOP_DOWN = "top_down"

    def __str__(self) -> str:
        return str(self.value)
