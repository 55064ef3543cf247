from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_digest import ReviewDigest
from ...types import UNSET, Response


def _get_kwargs(
    unit_id: str,
    *,
    cycle_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cycle_id"] = cycle_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/org-units/{unit_id}/digests/review".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewDigest | None:
    if response.status_code == 200:
        response_200 = ReviewDigest.from_dict(response.json())

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
) -> Response[Problem | ReviewDigest]:
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
    cycle_id: str,
) -> Response[Problem | ReviewDigest]:
    """Get Review Digest

     The unit's review meeting (its descendants and their people included): agreed objectives
    in order with final score, grade, flags, each KR's deviation and scores, and the five answers
    of every review the caller may see (a draft review only for its owner side and above).

    Args:
        unit_id (str):
        cycle_id (str): The cycle reviewed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewDigest]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        cycle_id=cycle_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    cycle_id: str,
) -> Problem | ReviewDigest | None:
    """Get Review Digest

     The unit's review meeting (its descendants and their people included): agreed objectives
    in order with final score, grade, flags, each KR's deviation and scores, and the five answers
    of every review the caller may see (a draft review only for its owner side and above).

    Args:
        unit_id (str):
        cycle_id (str): The cycle reviewed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewDigest
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        cycle_id=cycle_id,
    ).parsed


async def asyncio_detailed(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    cycle_id: str,
) -> Response[Problem | ReviewDigest]:
    """Get Review Digest

     The unit's review meeting (its descendants and their people included): agreed objectives
    in order with final score, grade, flags, each KR's deviation and scores, and the five answers
    of every review the caller may see (a draft review only for its owner side and above).

    Args:
        unit_id (str):
        cycle_id (str): The cycle reviewed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewDigest]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        cycle_id=cycle_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    cycle_id: str,
) -> Problem | ReviewDigest | None:
    """Get Review Digest

     The unit's review meeting (its descendants and their people included): agreed objectives
    in order with final score, grade, flags, each KR's deviation and scores, and the five answers
    of every review the caller may see (a draft review only for its owner side and above).

    Args:
        unit_id (str):
        cycle_id (str): The cycle reviewed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewDigest
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            cycle_id=cycle_id,
        )
    ).parsed
