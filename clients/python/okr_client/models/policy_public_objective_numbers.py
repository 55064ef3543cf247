from enum import StrEnum


class PolicyPublicObjectiveNumbers(StrEnum):
    ANY = "any"
    FORBID = "forbid"
    REQUIRE = "require"

    def __str__(self) -> str:
        return str(self.value)
