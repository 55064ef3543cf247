"""The SCIM 2.0 resources this service serves (RFC 7643), declared with ``scim2-models``.

Only the attributes the organisation keeps are declared, so ``/Schemas`` publishes exactly what
is stored and returned::

    User        userName, name (formatted, givenName, familyName), displayName, active,
                emails (value, type, primary), externalId
    enterprise  employeeNumber, department, manager (value, $ref, displayName)
    Group       displayName, members (value, $ref, type, display), externalId: an org unit and
                the people in it

No ``roles``, ``password`` or entitlements: a SCIM credential never grants or removes the admin
role and no secret is ever stored from a SCIM request.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

from pydantic import Field
from scim2_models import (
    URN,
    AnyExtension,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    Mutability,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
MAX_RESULTS = 500
"""The most resources one list answer carries (``count`` above it is lowered to it)."""


UserReference: TypeAlias = Reference["User"]
"""A reference to a resource of type ``User``."""


class UserName(ComplexAttribute):
    """The parts of a user's name."""

    formatted: str | None = None
    family_name: str | None = None
    given_name: str | None = None


class Manager(ComplexAttribute):
    """The user's manager: the ``id`` of another User (``$ref`` optional, as providers send)."""

    value: Annotated[str | None, Required.true, CaseExact.true] = None
    ref: Annotated[UserReference | None, Required.false] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display_name: Annotated[str | None, Mutability.read_only] = None


class EnterpriseUser(Extension):
    """The enterprise extension (RFC 7643 §4.3), the attributes the organisation keeps."""

    __schema__ = URN(ENTERPRISE_SCHEMA)

    employee_number: str | None = None
    department: str | None = None
    manager: Manager | None = None


class UserEmail(ComplexAttribute):
    """An e-mail address of the user (the primary, else the work one, is the person's)."""

    value: Annotated[str | None, Required.true] = None
    type: str | None = Field(None, examples=["work", "home", "other"])
    primary: bool | None = None


class ScimUser(Resource[AnyExtension]):
    """A person, as SCIM sees them."""

    __schema__ = URN(USER_SCHEMA)

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: UserName | None = None
    display_name: str | None = None
    active: bool | None = None
    emails: Annotated[list[UserEmail] | None, Required.true] = None
    """Required here: a person has an e-mail address."""


class Member(ComplexAttribute):
    """A member of a Group: a User (a person is in one unit; joining moves them)."""

    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    ref: Annotated[UserReference | None, Mutability.immutable] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])


class ScimGroup(Resource[Any]):
    """An org unit, as SCIM sees it: its members are the people of the unit."""

    __schema__ = URN(GROUP_SCHEMA)

    display_name: Annotated[str | None, Required.true] = None
    members: list[Member] | None = None


User = ScimUser[EnterpriseUser]


def schemas() -> list[Schema]:
    """Every schema served, for ``/Schemas``."""
    out = []
    for model in (User, EnterpriseUser, ScimGroup):
        schema = model.to_schema()
        schema.meta = None
        out.append(schema)
    return out


def resource_types() -> list[ResourceType]:
    """The resource types served, for ``/ResourceTypes``."""
    user = ResourceType.from_resource(User)
    group = ResourceType.from_resource(ScimGroup)
    user.description = "A person of the organisation"
    group.description = "An org unit; its members are the unit's people"
    return [user, group]


def service_provider_config(documentation_uri: str | None = None) -> ServiceProviderConfig:
    """What the service supports (RFC 7643 §5)."""
    return ServiceProviderConfig(
        documentation_uri=documentation_uri,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=True),
        etag=ETag(supported=True),
        authentication_schemes=[
            AuthenticationScheme(
                type="oauthbearertoken",
                name="Bearer token",
                description="A service key with the scim (or org:write) scope, sent as "
                "Authorization: Bearer okr_key_...",
                primary=True,
            )
        ],
    )
