from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follow_up_carry import FollowUpCarry
from ...models.follow_up_public import FollowUpPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    follow_up_id: str,
    *,
    body: FollowUpCarry,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/review-follow-ups/{follow_up_id}/carry".format(
            follow_up_id=quote(str(follow_up_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowUpPublic | Problem | None:
    if response.status_code == 201:
        response_201 = FollowUpPublic.from_dict(response.json())

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
) -> Response[FollowUpPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    follow_up_id: str,
    *,
    client: AuthenticatedClient,
    body: FollowUpCarry,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[FollowUpPublic | Problem]:
    """Carry Follow Up

     A review's follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to the follow-up's owner); whoever may add initiatives to that KR, once.

    Args:
        follow_up_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (FollowUpCarry): The key result, in the follow-up's cycle, that the follow-up becomes
            an initiative of.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpPublic | Problem]
    """

    kwargs = _get_kwargs(
        follow_up_id=follow_up_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    follow_up_id: str,
    *,
    client: AuthenticatedClient,
    body: FollowUpCarry,
    idempotency_key: None | str | Unset = UNSET,
) -> FollowUpPublic | Problem | None:
    """Carry Follow Up

     A review's follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to the follow-up's owner); whoever may add initiatives to that KR, once.

    Args:
        follow_up_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (FollowUpCarry): The key result, in the follow-up's cycle, that the follow-up becomes
            an initiative of.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpPublic | Problem
    """

    return sync_detailed(
        follow_up_id=follow_up_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    follow_up_id: str,
    *,
    client: AuthenticatedClient,
    body: FollowUpCarry,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[FollowUpPublic | Problem]:
    """Carry Follow Up

     A review's follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to the follow-up's owner); whoever may add initiatives to that KR, once.

    Args:
        follow_up_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (FollowUpCarry): The key result, in the follow-up's cycle, that the follow-up becomes
            an initiative of.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpPublic | Problem]
    """

    kwargs = _get_kwargs(
        follow_up_id=follow_up_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    follow_up_id: str,
    *,
    client: AuthenticatedClient,
    body: FollowUpCarry,
    idempotency_key: None | str | Unset = UNSET,
) -> FollowUpPublic | Problem | None:
    """Carry Follow Up

     A review's follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to the follow-up's owner); whoever may add initiatives to that KR, once.

    Args:
        follow_up_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (FollowUpCarry): The key result, in the follow-up's cycle, that the follow-up becomes
            an initiative of.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpPublic | Problem
    """

    return (
        await asyncio_detailed(
            follow_up_id=follow_up_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
