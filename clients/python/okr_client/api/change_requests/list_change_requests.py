from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_request_state import ChangeRequestState
from ...models.page_change_request_public import PageChangeRequestPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: ChangeRequestState | None | Unset = UNSET,
    objective_id: None | str | Unset = UNSET,
    key_result_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, ChangeRequestState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    json_objective_id: None | str | Unset
    if isinstance(objective_id, Unset):
        json_objective_id = UNSET
    else:
        json_objective_id = objective_id
    params["objective_id"] = json_objective_id

    json_key_result_id: None | str | Unset
    if isinstance(key_result_id, Unset):
        json_key_result_id = UNSET
    else:
        json_key_result_id = key_result_id
    params["key_result_id"] = json_key_result_id

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
        "url": "/v1/change-requests",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageChangeRequestPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PageChangeRequestPublic.from_dict(response.json())

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
) -> Response[PageChangeRequestPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: ChangeRequestState | None | Unset = UNSET,
    objective_id: None | str | Unset = UNSET,
    key_result_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageChangeRequestPublic | Problem]:
    """List Change Requests

     Change requests in creation order.

    Args:
        state (ChangeRequestState | None | Unset):
        objective_id (None | str | Unset):
        key_result_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChangeRequestPublic | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        objective_id=objective_id,
        key_result_id=key_result_id,
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
    state: ChangeRequestState | None | Unset = UNSET,
    objective_id: None | str | Unset = UNSET,
    key_result_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageChangeRequestPublic | Problem | None:
    """List Change Requests

     Change requests in creation order.

    Args:
        state (ChangeRequestState | None | Unset):
        objective_id (None | str | Unset):
        key_result_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChangeRequestPublic | Problem
    """

    return sync_detailed(
        client=client,
        state=state,
        objective_id=objective_id,
        key_result_id=key_result_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: ChangeRequestState | None | Unset = UNSET,
    objective_id: None | str | Unset = UNSET,
    key_result_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageChangeRequestPublic | Problem]:
    """List Change Requests

     Change requests in creation order.

    Args:
        state (ChangeRequestState | None | Unset):
        objective_id (None | str | Unset):
        key_result_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChangeRequestPublic | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        objective_id=objective_id,
        key_result_id=key_result_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: ChangeRequestState | None | Unset = UNSET,
    objective_id: None | str | Unset = UNSET,
    key_result_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageChangeRequestPublic | Problem | None:
    """List Change Requests

     Change requests in creation order.

    Args:
        state (ChangeRequestState | None | Unset):
        objective_id (None | str | Unset):
        key_result_id (None | str | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChangeRequestPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            objective_id=objective_id,
            key_result_id=key_result_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
