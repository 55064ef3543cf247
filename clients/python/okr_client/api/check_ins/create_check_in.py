from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_in_create import CheckInCreate
from ...models.check_in_public import CheckInPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    key_result_id: str,
    *,
    body: CheckInCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/key-results/{key_result_id}/check-ins".format(
            key_result_id=quote(str(key_result_id), safe=""),
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

    if response.status_code == 201:
        response_201 = CheckInPublic.from_dict(response.json())

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
) -> Response[CheckInPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key_result_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CheckInPublic | Problem]:
    """Create Check In

     Push a progress point to a key result (201; 200 when its external id is known).

    Only for agreed objectives in an active or review cycle. The point with the latest
    `observed_at` is the KR's current value (a late, older point is stored but does not
    override it); the KR's score, its objective and every derived KR and objective above it change
    in the same transaction. Who may: the KR's owner (unit: its head), the owner's managers, a
    person with an initiative on the KR, admins, and service keys with `metrics:write`.

    Args:
        key_result_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInCreate): A progress point: `value` for a numeric KR, `done` for a milestone.

            `observed_at` is when the value was true (default: now; at most 5 minutes ahead). A person
            who
            changes the KR's confidence must say why in `note`. `(source, external_id)` makes pushes
            idempotent: pushing the same pair again answers the stored check-in with 200. `blocker`
            says
            what holds the KR back; `needs_help_from` (`manager` or `company`) asks for support, which
            is
            an event (`check_in.help_requested`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInPublic | Problem]
    """

    kwargs = _get_kwargs(
        key_result_id=key_result_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key_result_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> CheckInPublic | Problem | None:
    """Create Check In

     Push a progress point to a key result (201; 200 when its external id is known).

    Only for agreed objectives in an active or review cycle. The point with the latest
    `observed_at` is the KR's current value (a late, older point is stored but does not
    override it); the KR's score, its objective and every derived KR and objective above it change
    in the same transaction. Who may: the KR's owner (unit: its head), the owner's managers, a
    person with an initiative on the KR, admins, and service keys with `metrics:write`.

    Args:
        key_result_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInCreate): A progress point: `value` for a numeric KR, `done` for a milestone.

            `observed_at` is when the value was true (default: now; at most 5 minutes ahead). A person
            who
            changes the KR's confidence must say why in `note`. `(source, external_id)` makes pushes
            idempotent: pushing the same pair again answers the stored check-in with 200. `blocker`
            says
            what holds the KR back; `needs_help_from` (`manager` or `company`) asks for support, which
            is
            an event (`check_in.help_requested`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInPublic | Problem
    """

    return sync_detailed(
        key_result_id=key_result_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    key_result_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CheckInPublic | Problem]:
    """Create Check In

     Push a progress point to a key result (201; 200 when its external id is known).

    Only for agreed objectives in an active or review cycle. The point with the latest
    `observed_at` is the KR's current value (a late, older point is stored but does not
    override it); the KR's score, its objective and every derived KR and objective above it change
    in the same transaction. Who may: the KR's owner (unit: its head), the owner's managers, a
    person with an initiative on the KR, admins, and service keys with `metrics:write`.

    Args:
        key_result_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInCreate): A progress point: `value` for a numeric KR, `done` for a milestone.

            `observed_at` is when the value was true (default: now; at most 5 minutes ahead). A person
            who
            changes the KR's confidence must say why in `note`. `(source, external_id)` makes pushes
            idempotent: pushing the same pair again answers the stored check-in with 200. `blocker`
            says
            what holds the KR back; `needs_help_from` (`manager` or `company`) asks for support, which
            is
            an event (`check_in.help_requested`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInPublic | Problem]
    """

    kwargs = _get_kwargs(
        key_result_id=key_result_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key_result_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckInCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> CheckInPublic | Problem | None:
    """Create Check In

     Push a progress point to a key result (201; 200 when its external id is known).

    Only for agreed objectives in an active or review cycle. The point with the latest
    `observed_at` is the KR's current value (a late, older point is stored but does not
    override it); the KR's score, its objective and every derived KR and objective above it change
    in the same transaction. Who may: the KR's owner (unit: its head), the owner's managers, a
    person with an initiative on the KR, admins, and service keys with `metrics:write`.

    Args:
        key_result_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInCreate): A progress point: `value` for a numeric KR, `done` for a milestone.

            `observed_at` is when the value was true (default: now; at most 5 minutes ahead). A person
            who
            changes the KR's confidence must say why in `note`. `(source, external_id)` makes pushes
            idempotent: pushing the same pair again answers the stored check-in with 200. `blocker`
            says
            what holds the KR back; `needs_help_from` (`manager` or `company`) asks for support, which
            is
            an event (`check_in.help_requested`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInPublic | Problem
    """

    return (
        await asyncio_detailed(
            key_result_id=key_result_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
