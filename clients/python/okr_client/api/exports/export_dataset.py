import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_dataset import ExportDataset
from ...models.export_format import ExportFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    dataset: ExportDataset,
    *,
    format_: ExportFormat | Unset = UNSET,
    cycle_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_cycle_id: None | str | Unset
    if isinstance(cycle_id, Unset):
        json_cycle_id = UNSET
    else:
        json_cycle_id = cycle_id
    params["cycle_id"] = json_cycle_id

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/exports/{dataset}".format(
            dataset=quote(str(dataset), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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
) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset: ExportDataset,
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | Unset = UNSET,
    cycle_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Response[Problem | str]:
    """Export Dataset

     Stream every row of a dataset with joined names (drafts only for who may see them).

    CSV is safe to open in Excel or LibreOffice: a text cell that begins with `=`, `+`, `-`, `@`,
    a tab or a carriage return is written with a leading `'`, so that it shows as text and never
    runs as a formula; text cells are quoted and numbers (negative ones too) stay numbers. NDJSON
    carries every text unchanged.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.

    Args:
        dataset (ExportDataset): What can be exported.
        format_ (ExportFormat | Unset): How rows are written: CSV with a header line, or one JSON
            object per line.
        cycle_id (None | str | Unset): Only rows of this cycle (objectives, key results, check-
            ins, reviews; ignored for people and org units).
        updated_since (datetime.datetime | None | Unset): Only rows changed at or after this
            instant (RFC 3339 with an offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        dataset=dataset,
        format_=format_,
        cycle_id=cycle_id,
        updated_since=updated_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dataset: ExportDataset,
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | Unset = UNSET,
    cycle_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Problem | str | None:
    """Export Dataset

     Stream every row of a dataset with joined names (drafts only for who may see them).

    CSV is safe to open in Excel or LibreOffice: a text cell that begins with `=`, `+`, `-`, `@`,
    a tab or a carriage return is written with a leading `'`, so that it shows as text and never
    runs as a formula; text cells are quoted and numbers (negative ones too) stay numbers. NDJSON
    carries every text unchanged.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.

    Args:
        dataset (ExportDataset): What can be exported.
        format_ (ExportFormat | Unset): How rows are written: CSV with a header line, or one JSON
            object per line.
        cycle_id (None | str | Unset): Only rows of this cycle (objectives, key results, check-
            ins, reviews; ignored for people and org units).
        updated_since (datetime.datetime | None | Unset): Only rows changed at or after this
            instant (RFC 3339 with an offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        dataset=dataset,
        client=client,
        format_=format_,
        cycle_id=cycle_id,
        updated_since=updated_since,
    ).parsed


async def asyncio_detailed(
    dataset: ExportDataset,
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | Unset = UNSET,
    cycle_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Response[Problem | str]:
    """Export Dataset

     Stream every row of a dataset with joined names (drafts only for who may see them).

    CSV is safe to open in Excel or LibreOffice: a text cell that begins with `=`, `+`, `-`, `@`,
    a tab or a carriage return is written with a leading `'`, so that it shows as text and never
    runs as a formula; text cells are quoted and numbers (negative ones too) stay numbers. NDJSON
    carries every text unchanged.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.

    Args:
        dataset (ExportDataset): What can be exported.
        format_ (ExportFormat | Unset): How rows are written: CSV with a header line, or one JSON
            object per line.
        cycle_id (None | str | Unset): Only rows of this cycle (objectives, key results, check-
            ins, reviews; ignored for people and org units).
        updated_since (datetime.datetime | None | Unset): Only rows changed at or after this
            instant (RFC 3339 with an offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        dataset=dataset,
        format_=format_,
        cycle_id=cycle_id,
        updated_since=updated_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dataset: ExportDataset,
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | Unset = UNSET,
    cycle_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Problem | str | None:
    """Export Dataset

     Stream every row of a dataset with joined names (drafts only for who may see them).

    CSV is safe to open in Excel or LibreOffice: a text cell that begins with `=`, `+`, `-`, `@`,
    a tab or a carriage return is written with a leading `'`, so that it shows as text and never
    runs as a formula; text cells are quoted and numbers (negative ones too) stay numbers. NDJSON
    carries every text unchanged.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.

    Args:
        dataset (ExportDataset): What can be exported.
        format_ (ExportFormat | Unset): How rows are written: CSV with a header line, or one JSON
            object per line.
        cycle_id (None | str | Unset): Only rows of this cycle (objectives, key results, check-
            ins, reviews; ignored for people and org units).
        updated_since (datetime.datetime | None | Unset): Only rows changed at or after this
            instant (RFC 3339 with an offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            dataset=dataset,
            client=client,
            format_=format_,
            cycle_id=cycle_id,
            updated_since=updated_since,
        )
    ).parsed
