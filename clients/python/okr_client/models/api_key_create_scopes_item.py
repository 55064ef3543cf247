from enum import StrEnum


class ApiKeyCreateScopesItem(StrEnum):
    ADMIN = "admin"
    METRICSWRITE = "metrics:write"
    OKRSREAD = "okrs:read"
    OKRSWRITE = "okrs:write"
    ORGWRITE = "org:write"
    SCIM = "scim"

    def __str__(self) -> str:
        return str(self.value)
