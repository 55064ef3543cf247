from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_in_public import CheckInPublic
from ...models.check_in_void import CheckInVoid
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    check_in_id: str,
    *,
    body: CheckInVoid,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/check-ins/{check_in_id}/void".format(
            check_in_id=quote(str(check_in_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CheckInPublic | Problem | None:
    if response.status_code == 200:
        response_200 = CheckInPublic.from_dict(response.json())

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
) -> Response[CheckInPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    check_in_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInVoid,
) -> Response[CheckInPublic | Problem]:
    """Void Check In

     Void a wrong check-in with a reason: it stays in the history marked voided (who, when,
    why) and no longer counts; the KR's current value, score and the roll-ups above are
    recomputed in the same transaction. Who may: the check-in's author, the KR's owner (unit: its
    head) and admins, while the cycle is not closed (409 otherwise, or when it is voided already).
    Pushing the same `(source, external_id)` again afterwards answers `duplicate`.

    Args:
        check_in_id (str):
        body (CheckInVoid): Void a wrong check-in: it stays in the history, marked voided, and no
            longer counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInPublic | Problem]
    """

    kwargs = _get_kwargs(
        check_in_id=check_in_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    check_in_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInVoid,
) -> CheckInPublic | Problem | None:
    """Void Check In

     Void a wrong check-in with a reason: it stays in the history marked voided (who, when,
    why) and no longer counts; the KR's current value, score and the roll-ups above are
    recomputed in the same transaction. Who may: the check-in's author, the KR's owner (unit: its
    head) and admins, while the cycle is not closed (409 otherwise, or when it is voided already).
    Pushing the same `(source, external_id)` again afterwards answers `duplicate`.

    Args:
        check_in_id (str):
        body (CheckInVoid): Void a wrong check-in: it stays in the history, marked voided, and no
            longer counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInPublic | Problem
    """

    return sync_detailed(
        check_in_id=check_in_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    check_in_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInVoid,
) -> Response[CheckInPublic | Problem]:
    """Void Check In

     Void a wrong check-in with a reason: it stays in the history marked voided (who, when,
    why) and no longer counts; the KR's current value, score and the roll-ups above are
    recomputed in the same transaction. Who may: the check-in's author, the KR's owner (unit: its
    head) and admins, while the cycle is not closed (409 otherwise, or when it is voided already).
    Pushing the same `(source, external_id)` again afterwards answers `duplicate`.

    Args:
        check_in_id (str):
        body (CheckInVoid): Void a wrong check-in: it stays in the history, marked voided, and no
            longer counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInPublic | Problem]
    """

    kwargs = _get_kwargs(
        check_in_id=check_in_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    check_in_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInVoid,
) -> CheckInPublic | Problem | None:
    """Void Check In

     Void a wrong check-in with a reason: it stays in the history marked voided (who, when,
    why) and no longer counts; the KR's current value, score and the roll-ups above are
    recomputed in the same transaction. Who may: the check-in's author, the KR's owner (unit: its
    head) and admins, while the cycle is not closed (409 otherwise, or when it is voided already).
    Pushing the same `(source, external_id)` again afterwards answers `duplicate`.

    Args:
        check_in_id (str):
        body (CheckInVoid): Void a wrong check-in: it stays in the history, marked voided, and no
            longer counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInPublic | Problem
    """

    return (
        await asyncio_detailed(
            check_in_id=check_in_id,
            client=client,
            body=body,
        )
    ).parsed
