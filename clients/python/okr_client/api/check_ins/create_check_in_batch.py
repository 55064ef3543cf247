from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_in_batch import CheckInBatch
from ...models.check_in_batch_result import CheckInBatchResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CheckInBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/check-ins/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CheckInBatchResult | Problem | None:
    if response.status_code == 200:
        response_200 = CheckInBatchResult.from_dict(response.json())

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
) -> Response[CheckInBatchResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CheckInBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CheckInBatchResult | Problem]:
    """Create Check In Batch

     Push up to 1,000 check-ins, each to a KR named by `key_result_id` or `metric_key`.

    Always 200 when the body has the right shape: each item is checked on its own and answered in
    `items` (by `index`) as `created`, `duplicate` (its `(source, external_id)` is stored already)
    or `refused` (with the `error` that a single check-in would have answered). Valid items are
    stored even when others are refused; every touched KR is recomputed and rolled up once. A
    `metric_key` names the KR of the cycle running on the day observed; one that KRs of several
    running cycles carry is refused as `metric_key.ambiguous` (send `key_result_id`).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInBatch): Up to 1,000 check-ins; each item is validated and stored on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInBatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CheckInBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> CheckInBatchResult | Problem | None:
    """Create Check In Batch

     Push up to 1,000 check-ins, each to a KR named by `key_result_id` or `metric_key`.

    Always 200 when the body has the right shape: each item is checked on its own and answered in
    `items` (by `index`) as `created`, `duplicate` (its `(source, external_id)` is stored already)
    or `refused` (with the `error` that a single check-in would have answered). Valid items are
    stored even when others are refused; every touched KR is recomputed and rolled up once. A
    `metric_key` names the KR of the cycle running on the day observed; one that KRs of several
    running cycles carry is refused as `metric_key.ambiguous` (send `key_result_id`).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInBatch): Up to 1,000 check-ins; each item is validated and stored on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInBatchResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CheckInBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CheckInBatchResult | Problem]:
    """Create Check In Batch

     Push up to 1,000 check-ins, each to a KR named by `key_result_id` or `metric_key`.

    Always 200 when the body has the right shape: each item is checked on its own and answered in
    `items` (by `index`) as `created`, `duplicate` (its `(source, external_id)` is stored already)
    or `refused` (with the `error` that a single check-in would have answered). Valid items are
    stored even when others are refused; every touched KR is recomputed and rolled up once. A
    `metric_key` names the KR of the cycle running on the day observed; one that KRs of several
    running cycles carry is refused as `metric_key.ambiguous` (send `key_result_id`).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInBatch): Up to 1,000 check-ins; each item is validated and stored on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckInBatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CheckInBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> CheckInBatchResult | Problem | None:
    """Create Check In Batch

     Push up to 1,000 check-ins, each to a KR named by `key_result_id` or `metric_key`.

    Always 200 when the body has the right shape: each item is checked on its own and answered in
    `items` (by `index`) as `created`, `duplicate` (its `(source, external_id)` is stored already)
    or `refused` (with the `error` that a single check-in would have answered). Valid items are
    stored even when others are refused; every touched KR is recomputed and rolled up once. A
    `metric_key` names the KR of the cycle running on the day observed; one that KRs of several
    running cycles carry is refused as `metric_key.ambiguous` (send `key_result_id`).

    Args:
        idempotency_key (None | str | Unset): Makes the POST safe to retry: a replay with the same
            body gets the first answer; the same key with another body is 409. Printable ASCII.
        body (CheckInBatch): Up to 1,000 check-ins; each item is validated and stored on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckInBatchResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
