from enum import StrEnum


class KeyResultChangeItemPublicOp(StrEnum):
    ADD = "add"
    MODIFY = "modify"
    REMOVE = "remove"

    def __str__(self) -> str:
        return str(self.value)
