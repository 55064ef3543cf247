from enum import StrEnum


class InitiativeState(StrEnum):
    DOING = "doing"
    DONE = "done"
    TODO = "todo"

    def __str__(self) -> str:
        return str(self.value)
