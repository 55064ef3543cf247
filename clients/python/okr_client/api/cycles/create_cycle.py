from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cycle_create import CycleCreate
from ...models.cycle_public import CyclePublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CycleCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/cycles",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CyclePublic | Problem | None:
    if response.status_code == 201:
        response_201 = CyclePublic.from_dict(response.json())

        return response_201

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
) -> Response[CyclePublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CycleCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CyclePublic | Problem]:
    """Create Cycle

     Create a cycle in planning (admins).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CycleCreate): A new cycle, in planning. A quarter may sit in a year, a month in a
            quarter.

            Its deadlines may lie before its start or after its end; they must be in the order
            submission, agreement, publication, review submission, review confirmation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CyclePublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CycleCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> CyclePublic | Problem | None:
    """Create Cycle

     Create a cycle in planning (admins).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CycleCreate): A new cycle, in planning. A quarter may sit in a year, a month in a
            quarter.

            Its deadlines may lie before its start or after its end; they must be in the order
            submission, agreement, publication, review submission, review confirmation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CyclePublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CycleCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CyclePublic | Problem]:
    """Create Cycle

     Create a cycle in planning (admins).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CycleCreate): A new cycle, in planning. A quarter may sit in a year, a month in a
            quarter.

            Its deadlines may lie before its start or after its end; they must be in the order
            submission, agreement, publication, review submission, review confirmation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CyclePublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CycleCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> CyclePublic | Problem | None:
    """Create Cycle

     Create a cycle in planning (admins).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CycleCreate): A new cycle, in planning. A quarter may sit in a year, a month in a
            quarter.

            Its deadlines may lie before its start or after its end; they must be in the order
            submission, agreement, publication, review submission, review confirmation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CyclePublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
