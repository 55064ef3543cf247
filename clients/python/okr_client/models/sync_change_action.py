from enum import StrEnum


class SyncChangeAction(StrEnum):
    CREATE = "create"
    DEACTIVATE = "deactivate"
    MOVE = "move"
    REACTIVATE = "reactivate"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
