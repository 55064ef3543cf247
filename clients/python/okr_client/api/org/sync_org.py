from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sync_org_body import SyncOrgBody
from ...models.sync_result import SyncResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SyncOrgBody,
    dry_run: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/org/sync",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SyncResult | None:
    if response.status_code == 200:
        response_200 = SyncResult.from_dict(response.json())

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
) -> Response[Problem | SyncResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SyncOrgBody,
    dry_run: bool | Unset = False,
) -> Response[Problem | SyncResult]:
    """Sync Org

     Apply a full snapshot of units and people keyed by `external_id` (admins, `org:write`
    keys): units and people are created, updated, moved; people missing from it are deactivated.
    Atomic: every problem is named with its row (409) and nothing is written. `dry_run=true`
    answers the diff and writes nothing. CSV header:
    `kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_i
    d,active`.

    Args:
        dry_run (bool | Unset):  Default: False.
        body (SyncOrgBody): The snapshot; the same as CSV with `Content-Type: text/csv` and the
            header kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,ma
            nager_external_id,active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SyncResult]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SyncOrgBody,
    dry_run: bool | Unset = False,
) -> Problem | SyncResult | None:
    """Sync Org

     Apply a full snapshot of units and people keyed by `external_id` (admins, `org:write`
    keys): units and people are created, updated, moved; people missing from it are deactivated.
    Atomic: every problem is named with its row (409) and nothing is written. `dry_run=true`
    answers the diff and writes nothing. CSV header:
    `kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_i
    d,active`.

    Args:
        dry_run (bool | Unset):  Default: False.
        body (SyncOrgBody): The snapshot; the same as CSV with `Content-Type: text/csv` and the
            header kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,ma
            nager_external_id,active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SyncResult
    """

    return sync_detailed(
        client=client,
        body=body,
        dry_run=dry_run,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SyncOrgBody,
    dry_run: bool | Unset = False,
) -> Response[Problem | SyncResult]:
    """Sync Org

     Apply a full snapshot of units and people keyed by `external_id` (admins, `org:write`
    keys): units and people are created, updated, moved; people missing from it are deactivated.
    Atomic: every problem is named with its row (409) and nothing is written. `dry_run=true`
    answers the diff and writes nothing. CSV header:
    `kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_i
    d,active`.

    Args:
        dry_run (bool | Unset):  Default: False.
        body (SyncOrgBody): The snapshot; the same as CSV with `Content-Type: text/csv` and the
            header kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,ma
            nager_external_id,active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SyncResult]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SyncOrgBody,
    dry_run: bool | Unset = False,
) -> Problem | SyncResult | None:
    """Sync Org

     Apply a full snapshot of units and people keyed by `external_id` (admins, `org:write`
    keys): units and people are created, updated, moved; people missing from it are deactivated.
    Atomic: every problem is named with its row (409) and nothing is written. `dry_run=true`
    answers the diff and writes nothing. CSV header:
    `kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_i
    d,active`.

    Args:
        dry_run (bool | Unset):  Default: False.
        body (SyncOrgBody): The snapshot; the same as CSV with `Content-Type: text/csv` and the
            header kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,ma
            nager_external_id,active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SyncResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            dry_run=dry_run,
        )
    ).parsed
