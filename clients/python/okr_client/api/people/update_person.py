from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.person_public import PersonPublic
from ...models.person_update import PersonUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    person_id: str,
    *,
    body: PersonUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/people/{person_id}".format(
            person_id=quote(str(person_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PersonPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PersonPublic.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PersonPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    person_id: str,
    *,
    client: AuthenticatedClient,
    body: PersonUpdate,
) -> Response[PersonPublic | Problem]:
    """Update Person

     Change a person (admins, `org:write` keys); a manager loop or losing the last active admin
    is refused. Only an admin grants or removes the admin role or changes an admin's `email`,
    `external_id` or `active`. Deactivating revokes the person's tokens for good.

    Args:
        person_id (str):
        body (PersonUpdate): Fields of a person to change (omit the others; `null` clears a link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonPublic | Problem]
    """

    kwargs = _get_kwargs(
        person_id=person_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    person_id: str,
    *,
    client: AuthenticatedClient,
    body: PersonUpdate,
) -> PersonPublic | Problem | None:
    """Update Person

     Change a person (admins, `org:write` keys); a manager loop or losing the last active admin
    is refused. Only an admin grants or removes the admin role or changes an admin's `email`,
    `external_id` or `active`. Deactivating revokes the person's tokens for good.

    Args:
        person_id (str):
        body (PersonUpdate): Fields of a person to change (omit the others; `null` clears a link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonPublic | Problem
    """

    return sync_detailed(
        person_id=person_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    person_id: str,
    *,
    client: AuthenticatedClient,
    body: PersonUpdate,
) -> Response[PersonPublic | Problem]:
    """Update Person

     Change a person (admins, `org:write` keys); a manager loop or losing the last active admin
    is refused. Only an admin grants or removes the admin role or changes an admin's `email`,
    `external_id` or `active`. Deactivating revokes the person's tokens for good.

    Args:
        person_id (str):
        body (PersonUpdate): Fields of a person to change (omit the others; `null` clears a link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonPublic | Problem]
    """

    kwargs = _get_kwargs(
        person_id=person_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    person_id: str,
    *,
    client: AuthenticatedClient,
    body: PersonUpdate,
) -> PersonPublic | Problem | None:
    """Update Person

     Change a person (admins, `org:write` keys); a manager loop or losing the last active admin
    is refused. Only an admin grants or removes the admin role or changes an admin's `email`,
    `external_id` or `active`. Deactivating revokes the person's tokens for good.

    Args:
        person_id (str):
        body (PersonUpdate): Fields of a person to change (omit the others; `null` clears a link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonPublic | Problem
    """

    return (
        await asyncio_detailed(
            person_id=person_id,
            client=client,
            body=body,
        )
    ).parsed
