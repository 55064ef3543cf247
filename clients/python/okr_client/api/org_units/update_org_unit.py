from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.org_unit_public import OrgUnitPublic
from ...models.org_unit_update import OrgUnitUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    unit_id: str,
    *,
    body: OrgUnitUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/org-units/{unit_id}".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrgUnitPublic | Problem | None:
    if response.status_code == 200:
        response_200 = OrgUnitPublic.from_dict(response.json())

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
) -> Response[OrgUnitPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    body: OrgUnitUpdate,
) -> Response[OrgUnitPublic | Problem]:
    """Update Org Unit

     Change a unit (admins); a parent loop or a second root is refused.

    Args:
        unit_id (str):
        body (OrgUnitUpdate): Fields of an org unit to change (omit the others; `null` clears a
            link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgUnitPublic | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    body: OrgUnitUpdate,
) -> OrgUnitPublic | Problem | None:
    """Update Org Unit

     Change a unit (admins); a parent loop or a second root is refused.

    Args:
        unit_id (str):
        body (OrgUnitUpdate): Fields of an org unit to change (omit the others; `null` clears a
            link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgUnitPublic | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    body: OrgUnitUpdate,
) -> Response[OrgUnitPublic | Problem]:
    """Update Org Unit

     Change a unit (admins); a parent loop or a second root is refused.

    Args:
        unit_id (str):
        body (OrgUnitUpdate): Fields of an org unit to change (omit the others; `null` clears a
            link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgUnitPublic | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    body: OrgUnitUpdate,
) -> OrgUnitPublic | Problem | None:
    """Update Org Unit

     Change a unit (admins); a parent loop or a second root is refused.

    Args:
        unit_id (str):
        body (OrgUnitUpdate): Fields of an org unit to change (omit the others; `null` clears a
            link).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgUnitPublic | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            body=body,
        )
    ).parsed
