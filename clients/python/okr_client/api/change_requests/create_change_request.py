from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_request_create import ChangeRequestCreate
from ...models.change_request_public import ChangeRequestPublic
from ...models.change_set_create import ChangeSetCreate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ChangeRequestCreate | ChangeSetCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/change-requests",
    }

    if isinstance(body, ChangeRequestCreate):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeRequestPublic | Problem | None:
    if response.status_code == 201:
        response_201 = ChangeRequestPublic.from_dict(response.json())

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
) -> Response[ChangeRequestPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChangeRequestCreate | ChangeSetCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChangeRequestPublic | Problem]:
    """Create Change Request

     Ask to change the definition of an agreed key result of an annual cycle
    (`key_result_id`, `changes`), or several key results of one agreed annual objective at once
    (`objective_id`, `items`: modify, add, remove). Either is accepted only if the objective then
    passes the submission rules again.

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (ChangeRequestCreate | ChangeSetCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeRequestPublic | Problem]
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
    body: ChangeRequestCreate | ChangeSetCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ChangeRequestPublic | Problem | None:
    """Create Change Request

     Ask to change the definition of an agreed key result of an annual cycle
    (`key_result_id`, `changes`), or several key results of one agreed annual objective at once
    (`objective_id`, `items`: modify, add, remove). Either is accepted only if the objective then
    passes the submission rules again.

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (ChangeRequestCreate | ChangeSetCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeRequestPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChangeRequestCreate | ChangeSetCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChangeRequestPublic | Problem]:
    """Create Change Request

     Ask to change the definition of an agreed key result of an annual cycle
    (`key_result_id`, `changes`), or several key results of one agreed annual objective at once
    (`objective_id`, `items`: modify, add, remove). Either is accepted only if the objective then
    passes the submission rules again.

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (ChangeRequestCreate | ChangeSetCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeRequestPublic | Problem]
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
    body: ChangeRequestCreate | ChangeSetCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ChangeRequestPublic | Problem | None:
    """Create Change Request

     Ask to change the definition of an agreed key result of an annual cycle
    (`key_result_id`, `changes`), or several key results of one agreed annual objective at once
    (`objective_id`, `items`: modify, add, remove). Either is accepted only if the objective then
    passes the submission rules again.

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (ChangeRequestCreate | ChangeSetCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeRequestPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
