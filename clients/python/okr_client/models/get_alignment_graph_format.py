from enum import StrEnum


class GetAlignmentGraphFormat(StrEnum):
    DOT = "dot"
    JSON = "json"
    MERMAID = "mermaid"

    def __str__(self) -> str:
        return str(self.value)
