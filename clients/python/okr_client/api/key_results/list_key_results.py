from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.key_result_kind import KeyResultKind
from ...models.page_key_result_public import PageKeyResultPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    objective_id: None | str | Unset = UNSET,
    metric_key: None | str | Unset = UNSET,
    kind: KeyResultKind | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_objective_id: None | str | Unset
    if isinstance(objective_id, Unset):
        json_objective_id = UNSET
    else:
        json_objective_id = objective_id
    params["objective_id"] = json_objective_id

    json_metric_key: None | str | Unset
    if isinstance(metric_key, Unset):
        json_metric_key = UNSET
    else:
        json_metric_key = metric_key
    params["metric_key"] = json_metric_key

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, KeyResultKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

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
        "url": "/v1/key-results",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageKeyResultPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PageKeyResultPublic.from_dict(response.json())

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
) -> Response[PageKeyResultPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    objective_id: None | str | Unset = UNSET,
    metric_key: None | str | Unset = UNSET,
    kind: KeyResultKind | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageKeyResultPublic | Problem]:
    """List Key Results

     Key results in creation order (those of drafts the caller may not see are left out).

    Args:
        objective_id (None | str | Unset):
        metric_key (None | str | Unset):
        kind (KeyResultKind | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageKeyResultPublic | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        metric_key=metric_key,
        kind=kind,
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
    objective_id: None | str | Unset = UNSET,
    metric_key: None | str | Unset = UNSET,
    kind: KeyResultKind | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageKeyResultPublic | Problem | None:
    """List Key Results

     Key results in creation order (those of drafts the caller may not see are left out).

    Args:
        objective_id (None | str | Unset):
        metric_key (None | str | Unset):
        kind (KeyResultKind | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageKeyResultPublic | Problem
    """

    return sync_detailed(
        client=client,
        objective_id=objective_id,
        metric_key=metric_key,
        kind=kind,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    objective_id: None | str | Unset = UNSET,
    metric_key: None | str | Unset = UNSET,
    kind: KeyResultKind | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageKeyResultPublic | Problem]:
    """List Key Results

     Key results in creation order (those of drafts the caller may not see are left out).

    Args:
        objective_id (None | str | Unset):
        metric_key (None | str | Unset):
        kind (KeyResultKind | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageKeyResultPublic | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        metric_key=metric_key,
        kind=kind,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    objective_id: None | str | Unset = UNSET,
    metric_key: None | str | Unset = UNSET,
    kind: KeyResultKind | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageKeyResultPublic | Problem | None:
    """List Key Results

     Key results in creation order (those of drafts the caller may not see are left out).

    Args:
        objective_id (None | str | Unset):
        metric_key (None | str | Unset):
        kind (KeyResultKind | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageKeyResultPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            objective_id=objective_id,
            metric_key=metric_key,
            kind=kind,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
