from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    type_: list[str] | None | Unset = UNSET,
    entity: list[str] | None | Unset = UNSET,
    wait: float | Unset = 0.0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["limit"] = limit

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = type_

    else:
        json_type_ = type_
    params["type"] = json_type_

    json_entity: list[str] | None | Unset
    if isinstance(entity, Unset):
        json_entity = UNSET
    elif isinstance(entity, list):
        json_entity = entity

    else:
        json_entity = entity
    params["entity"] = json_entity

    params["wait"] = wait

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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
) -> Response[EventPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    type_: list[str] | None | Unset = UNSET,
    entity: list[str] | None | Unset = UNSET,
    wait: float | Unset = 0.0,
) -> Response[EventPage | Problem]:
    """List Events

     Events after the cursor, oldest first; poll with `next_cursor` to sync incrementally.

    A long poll holds the request at most `OKR_FEED_MAX_WAIT_SECONDS` (30 by default).
    `next_cursor` is never null: the cursor of the last event returned, or your `after` when
    nothing is new; `has_more` says whether more is waiting. Cursors grow in commit order but
    are not consecutive numbers; no event is skipped or repeated, also under concurrent writers.
    The feed keeps every event (nothing is pruned), so a stored cursor stays valid.

    Args:
        after (None | str | Unset): The `cursor` of the last event you saw.
        limit (int | Unset):  Default: 50.
        type_ (list[str] | None | Unset): Only events of these types (repeat to name several).
        entity (list[str] | None | Unset): Only events about these entities, e.g. `check_in`.
        wait (float | Unset): Long poll: when nothing is new, wait up to this many seconds for
            news. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
        type_=type_,
        entity=entity,
        wait=wait,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    type_: list[str] | None | Unset = UNSET,
    entity: list[str] | None | Unset = UNSET,
    wait: float | Unset = 0.0,
) -> EventPage | Problem | None:
    """List Events

     Events after the cursor, oldest first; poll with `next_cursor` to sync incrementally.

    A long poll holds the request at most `OKR_FEED_MAX_WAIT_SECONDS` (30 by default).
    `next_cursor` is never null: the cursor of the last event returned, or your `after` when
    nothing is new; `has_more` says whether more is waiting. Cursors grow in commit order but
    are not consecutive numbers; no event is skipped or repeated, also under concurrent writers.
    The feed keeps every event (nothing is pruned), so a stored cursor stays valid.

    Args:
        after (None | str | Unset): The `cursor` of the last event you saw.
        limit (int | Unset):  Default: 50.
        type_ (list[str] | None | Unset): Only events of these types (repeat to name several).
        entity (list[str] | None | Unset): Only events about these entities, e.g. `check_in`.
        wait (float | Unset): Long poll: when nothing is new, wait up to this many seconds for
            news. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        limit=limit,
        type_=type_,
        entity=entity,
        wait=wait,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    type_: list[str] | None | Unset = UNSET,
    entity: list[str] | None | Unset = UNSET,
    wait: float | Unset = 0.0,
) -> Response[EventPage | Problem]:
    """List Events

     Events after the cursor, oldest first; poll with `next_cursor` to sync incrementally.

    A long poll holds the request at most `OKR_FEED_MAX_WAIT_SECONDS` (30 by default).
    `next_cursor` is never null: the cursor of the last event returned, or your `after` when
    nothing is new; `has_more` says whether more is waiting. Cursors grow in commit order but
    are not consecutive numbers; no event is skipped or repeated, also under concurrent writers.
    The feed keeps every event (nothing is pruned), so a stored cursor stays valid.

    Args:
        after (None | str | Unset): The `cursor` of the last event you saw.
        limit (int | Unset):  Default: 50.
        type_ (list[str] | None | Unset): Only events of these types (repeat to name several).
        entity (list[str] | None | Unset): Only events about these entities, e.g. `check_in`.
        wait (float | Unset): Long poll: when nothing is new, wait up to this many seconds for
            news. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
        type_=type_,
        entity=entity,
        wait=wait,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    type_: list[str] | None | Unset = UNSET,
    entity: list[str] | None | Unset = UNSET,
    wait: float | Unset = 0.0,
) -> EventPage | Problem | None:
    """List Events

     Events after the cursor, oldest first; poll with `next_cursor` to sync incrementally.

    A long poll holds the request at most `OKR_FEED_MAX_WAIT_SECONDS` (30 by default).
    `next_cursor` is never null: the cursor of the last event returned, or your `after` when
    nothing is new; `has_more` says whether more is waiting. Cursors grow in commit order but
    are not consecutive numbers; no event is skipped or repeated, also under concurrent writers.
    The feed keeps every event (nothing is pruned), so a stored cursor stays valid.

    Args:
        after (None | str | Unset): The `cursor` of the last event you saw.
        limit (int | Unset):  Default: 50.
        type_ (list[str] | None | Unset): Only events of these types (repeat to name several).
        entity (list[str] | None | Unset): Only events about these entities, e.g. `check_in`.
        wait (float | Unset): Long poll: when nothing is new, wait up to this many seconds for
            news. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            limit=limit,
            type_=type_,
            entity=entity,
            wait=wait,
        )
    ).parsed
