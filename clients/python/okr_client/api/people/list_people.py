from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_person_public import PagePersonPublic
from ...models.problem import Problem
from ...models.role import Role
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    unit_id: None | str | Unset = UNSET,
    manager_id: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    email: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    json_manager_id: None | str | Unset
    if isinstance(manager_id, Unset):
        json_manager_id = UNSET
    else:
        json_manager_id = manager_id
    params["manager_id"] = json_manager_id

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, Role):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_active: bool | None | Unset
    if isinstance(active, Unset):
        json_active = UNSET
    else:
        json_active = active
    params["active"] = json_active

    json_email: None | str | Unset
    if isinstance(email, Unset):
        json_email = UNSET
    else:
        json_email = email
    params["email"] = json_email

    json_external_id: None | str | Unset
    if isinstance(external_id, Unset):
        json_external_id = UNSET
    else:
        json_external_id = external_id
    params["external_id"] = json_external_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/people",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePersonPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PagePersonPublic.from_dict(response.json())

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
) -> Response[PagePersonPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
    manager_id: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    email: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePersonPublic | Problem]:
    """List People

     People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id.

    Args:
        unit_id (None | str | Unset):
        manager_id (None | str | Unset):
        role (None | Role | Unset):
        active (bool | None | Unset):
        email (None | str | Unset):
        external_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePersonPublic | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        manager_id=manager_id,
        role=role,
        active=active,
        email=email,
        external_id=external_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
    manager_id: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    email: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePersonPublic | Problem | None:
    """List People

     People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id.

    Args:
        unit_id (None | str | Unset):
        manager_id (None | str | Unset):
        role (None | Role | Unset):
        active (bool | None | Unset):
        email (None | str | Unset):
        external_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePersonPublic | Problem
    """

    return sync_detailed(
        client=client,
        unit_id=unit_id,
        manager_id=manager_id,
        role=role,
        active=active,
        email=email,
        external_id=external_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
    manager_id: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    email: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePersonPublic | Problem]:
    """List People

     People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id.

    Args:
        unit_id (None | str | Unset):
        manager_id (None | str | Unset):
        role (None | Role | Unset):
        active (bool | None | Unset):
        email (None | str | Unset):
        external_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePersonPublic | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        manager_id=manager_id,
        role=role,
        active=active,
        email=email,
        external_id=external_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
    manager_id: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    email: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePersonPublic | Problem | None:
    """List People

     People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id.

    Args:
        unit_id (None | str | Unset):
        manager_id (None | str | Unset):
        role (None | Role | Unset):
        active (bool | None | Unset):
        email (None | str | Unset):
        external_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePersonPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            unit_id=unit_id,
            manager_id=manager_id,
            role=role,
            active=active,
            email=email,
            external_id=external_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
