from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_request_decision import ChangeRequestDecision
from ...models.change_request_public import ChangeRequestPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    change_request_id: str,
    *,
    body: ChangeRequestDecision | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/change-requests/{change_request_id}/accept".format(
            change_request_id=quote(str(change_request_id), safe=""),
        ),
    }

    if isinstance(body, ChangeRequestDecision):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeRequestPublic | Problem | None:
    if response.status_code == 200:
        response_200 = ChangeRequestPublic.from_dict(response.json())

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
) -> Response[ChangeRequestPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    change_request_id: str,
    *,
    client: AuthenticatedClient,
    body: ChangeRequestDecision | None | Unset = UNSET,
) -> Response[ChangeRequestPublic | Problem]:
    """Accept Change Request

     Apply the change to the key result (the objective's approver).

    Args:
        change_request_id (str):
        body (ChangeRequestDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeRequestPublic | Problem]
    """

    kwargs = _get_kwargs(
        change_request_id=change_request_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    change_request_id: str,
    *,
    client: AuthenticatedClient,
    body: ChangeRequestDecision | None | Unset = UNSET,
) -> ChangeRequestPublic | Problem | None:
    """Accept Change Request

     Apply the change to the key result (the objective's approver).

    Args:
        change_request_id (str):
        body (ChangeRequestDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeRequestPublic | Problem
    """

    return sync_detailed(
        change_request_id=change_request_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    change_request_id: str,
    *,
    client: AuthenticatedClient,
    body: ChangeRequestDecision | None | Unset = UNSET,
) -> Response[ChangeRequestPublic | Problem]:
    """Accept Change Request

     Apply the change to the key result (the objective's approver).

    Args:
        change_request_id (str):
        body (ChangeRequestDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeRequestPublic | Problem]
    """

    kwargs = _get_kwargs(
        change_request_id=change_request_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    change_request_id: str,
    *,
    client: AuthenticatedClient,
    body: ChangeRequestDecision | None | Unset = UNSET,
) -> ChangeRequestPublic | Problem | None:
    """Accept Change Request

     Apply the change to the key result (the objective's approver).

    Args:
        change_request_id (str):
        body (ChangeRequestDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeRequestPublic | Problem
    """

    return (
        await asyncio_detailed(
            change_request_id=change_request_id,
            client=client,
            body=body,
        )
    ).parsed
