from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cycle_report import CycleReport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    unit_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/current-cycle/report",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CycleReport | Problem | None:
    if response.status_code == 200:
        response_200 = CycleReport.from_dict(response.json())

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
) -> Response[CycleReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
) -> Response[CycleReport | Problem]:
    """Get Current Cycle Report

     The report of the current cycle (`GET /v1/current-cycle`), without looking up its id.

    An expensive read, like `GET /v1/cycles/{cycle_id}/report`.

    Args:
        unit_id (None | str | Unset): Only this unit, its descendants and their people.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CycleReport | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
) -> CycleReport | Problem | None:
    """Get Current Cycle Report

     The report of the current cycle (`GET /v1/current-cycle`), without looking up its id.

    An expensive read, like `GET /v1/cycles/{cycle_id}/report`.

    Args:
        unit_id (None | str | Unset): Only this unit, its descendants and their people.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CycleReport | Problem
    """

    return sync_detailed(
        client=client,
        unit_id=unit_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
) -> Response[CycleReport | Problem]:
    """Get Current Cycle Report

     The report of the current cycle (`GET /v1/current-cycle`), without looking up its id.

    An expensive read, like `GET /v1/cycles/{cycle_id}/report`.

    Args:
        unit_id (None | str | Unset): Only this unit, its descendants and their people.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CycleReport | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    unit_id: None | str | Unset = UNSET,
) -> CycleReport | Problem | None:
    """Get Current Cycle Report

     The report of the current cycle (`GET /v1/current-cycle`), without looking up its id.

    An expensive read, like `GET /v1/cycles/{cycle_id}/report`.

    Args:
        unit_id (None | str | Unset): Only this unit, its descendants and their people.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CycleReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            unit_id=unit_id,
        )
    ).parsed
