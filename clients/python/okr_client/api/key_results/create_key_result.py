from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.key_result_create import KeyResultCreate
from ...models.key_result_public import KeyResultPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    objective_id: str,
    *,
    body: KeyResultCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/objectives/{objective_id}/key-results".format(
            objective_id=quote(str(objective_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> KeyResultPublic | Problem | None:
    if response.status_code == 201:
        response_201 = KeyResultPublic.from_dict(response.json())

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
) -> Response[KeyResultPublic | Problem]:
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
    body: KeyResultCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[KeyResultPublic | Problem]:
    """Create Key Result

     Add a key result to a draft objective (whoever may edit the objective).

    Args:
        objective_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (KeyResultCreate): A new key result of a draft objective.

            ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
            afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
            system pushes values under: unique among the KRs of the objective's cycle (409
            ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyResultPublic | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: KeyResultCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> KeyResultPublic | Problem | None:
    """Create Key Result

     Add a key result to a draft objective (whoever may edit the objective).

    Args:
        objective_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (KeyResultCreate): A new key result of a draft objective.

            ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
            afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
            system pushes values under: unique among the KRs of the objective's cycle (409
            ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyResultPublic | Problem
    """

    return sync_detailed(
        objective_id=objective_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: KeyResultCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[KeyResultPublic | Problem]:
    """Create Key Result

     Add a key result to a draft objective (whoever may edit the objective).

    Args:
        objective_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (KeyResultCreate): A new key result of a draft objective.

            ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
            afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
            system pushes values under: unique among the KRs of the objective's cycle (409
            ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KeyResultPublic | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    objective_id: str,
    *,
    client: AuthenticatedClient,
    body: KeyResultCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> KeyResultPublic | Problem | None:
    """Create Key Result

     Add a key result to a draft objective (whoever may edit the objective).

    Args:
        objective_id (str):
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (KeyResultCreate): A new key result of a draft objective.

            ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
            afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
            system pushes values under: unique among the KRs of the objective's cycle (409
            ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KeyResultPublic | Problem
    """

    return (
        await asyncio_detailed(
            objective_id=objective_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
