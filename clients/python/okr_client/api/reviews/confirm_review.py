from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_confirm import ReviewConfirm
from ...models.review_public import ReviewPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    objective_id: str,
    *,
    body: None | ReviewConfirm | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/objectives/{objective_id}/review/confirm".format(
            objective_id=quote(str(objective_id), safe=""),
        ),
    }

    if isinstance(body, ReviewConfirm):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewPublic | None:
    if response.status_code == 200:
        response_200 = ReviewPublic.from_dict(response.json())

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
) -> Response[Problem | ReviewPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReviewConfirm | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ReviewPublic]:
    """Confirm Review

     submitted -> confirmed (the objective's approver; recorded as `confirmed_by_id`).

    The body carries the manager's `note` and any `adjustments` of KR final scores, each with a
    `reason` when it differs from the owner's; both scores are kept, reports use the confirmed one.

    Args:
        objective_id (str):
        if_match (None | str | Unset): The `ETag` you last read (`"<version>"`); 412 when it is
            stale.
        body (None | ReviewConfirm | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewPublic]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReviewConfirm | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Problem | ReviewPublic | None:
    """Confirm Review

     submitted -> confirmed (the objective's approver; recorded as `confirmed_by_id`).

    The body carries the manager's `note` and any `adjustments` of KR final scores, each with a
    `reason` when it differs from the owner's; both scores are kept, reports use the confirmed one.

    Args:
        objective_id (str):
        if_match (None | str | Unset): The `ETag` you last read (`"<version>"`); 412 when it is
            stale.
        body (None | ReviewConfirm | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewPublic
    """

    return sync_detailed(
        objective_id=objective_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReviewConfirm | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ReviewPublic]:
    """Confirm Review

     submitted -> confirmed (the objective's approver; recorded as `confirmed_by_id`).

    The body carries the manager's `note` and any `adjustments` of KR final scores, each with a
    `reason` when it differs from the owner's; both scores are kept, reports use the confirmed one.

    Args:
        objective_id (str):
        if_match (None | str | Unset): The `ETag` you last read (`"<version>"`); 412 when it is
            stale.
        body (None | ReviewConfirm | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewPublic]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReviewConfirm | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Problem | ReviewPublic | None:
    """Confirm Review

     submitted -> confirmed (the objective's approver; recorded as `confirmed_by_id`).

    The body carries the manager's `note` and any `adjustments` of KR final scores, each with a
    `reason` when it differs from the owner's; both scores are kept, reports use the confirmed one.

    Args:
        objective_id (str):
        if_match (None | str | Unset): The `ETag` you last read (`"<version>"`); 412 when it is
            stale.
        body (None | ReviewConfirm | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewPublic
    """

    return (
        await asyncio_detailed(
            objective_id=objective_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
