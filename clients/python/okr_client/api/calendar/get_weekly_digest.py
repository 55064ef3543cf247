from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.weekly_digest import WeeklyDigest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unit_id: str,
    *,
    week: str,
    person_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["week"] = week

    json_person_id: None | str | Unset
    if isinstance(person_id, Unset):
        json_person_id = UNSET
    else:
        json_person_id = person_id
    params["person_id"] = json_person_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/org-units/{unit_id}/digests/weekly".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WeeklyDigest | None:
    if response.status_code == 200:
        response_200 = WeeklyDigest.from_dict(response.json())

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
) -> Response[Problem | WeeklyDigest]:
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
    week: str,
    person_id: None | str | Unset = UNSET,
) -> Response[Problem | WeeklyDigest]:
    """Get Weekly Digest

     The unit's weekly-meeting agenda (members of the unit and the units below, or one of them
    with `person_id`): per KR value, score and confidence now and a week ago, the notes behind a
    change of confidence, the week's check-ins, blockers and help requests, stale KRs,
    initiatives due next week, and the at-risk list.

    Args:
        unit_id (str):
        week (str): An ISO week: `2026-W49`.
        person_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WeeklyDigest]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        week=week,
        person_id=person_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    week: str,
    person_id: None | str | Unset = UNSET,
) -> Problem | WeeklyDigest | None:
    """Get Weekly Digest

     The unit's weekly-meeting agenda (members of the unit and the units below, or one of them
    with `person_id`): per KR value, score and confidence now and a week ago, the notes behind a
    change of confidence, the week's check-ins, blockers and help requests, stale KRs,
    initiatives due next week, and the at-risk list.

    Args:
        unit_id (str):
        week (str): An ISO week: `2026-W49`.
        person_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WeeklyDigest
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        week=week,
        person_id=person_id,
    ).parsed


async def asyncio_detailed(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    week: str,
    person_id: None | str | Unset = UNSET,
) -> Response[Problem | WeeklyDigest]:
    """Get Weekly Digest

     The unit's weekly-meeting agenda (members of the unit and the units below, or one of them
    with `person_id`): per KR value, score and confidence now and a week ago, the notes behind a
    change of confidence, the week's check-ins, blockers and help requests, stale KRs,
    initiatives due next week, and the at-risk list.

    Args:
        unit_id (str):
        week (str): An ISO week: `2026-W49`.
        person_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WeeklyDigest]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        week=week,
        person_id=person_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: str,
    *,
    client: AuthenticatedClient,
    week: str,
    person_id: None | str | Unset = UNSET,
) -> Problem | WeeklyDigest | None:
    """Get Weekly Digest

     The unit's weekly-meeting agenda (members of the unit and the units below, or one of them
    with `person_id`): per KR value, score and confidence now and a week ago, the notes behind a
    change of confidence, the week's check-ins, blockers and help requests, stale KRs,
    initiatives due next week, and the at-risk list.

    Args:
        unit_id (str):
        week (str): An ISO week: `2026-W49`.
        person_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WeeklyDigest
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            week=week,
            person_id=person_id,
        )
    ).parsed
