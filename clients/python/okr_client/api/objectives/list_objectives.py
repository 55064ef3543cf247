from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.grade import Grade
from ...models.objective_state import ObjectiveState
from ...models.owner_type import OwnerType
from ...models.page_objective_public import PageObjectivePublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cycle_id: None | str | Unset = UNSET,
    state: None | ObjectiveState | Unset = UNSET,
    owner_type: None | OwnerType | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    owner_person_id: None | str | Unset = UNSET,
    grade: Grade | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_cycle_id: None | str | Unset
    if isinstance(cycle_id, Unset):
        json_cycle_id = UNSET
    else:
        json_cycle_id = cycle_id
    params["cycle_id"] = json_cycle_id

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, ObjectiveState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    json_owner_type: None | str | Unset
    if isinstance(owner_type, Unset):
        json_owner_type = UNSET
    elif isinstance(owner_type, OwnerType):
        json_owner_type = owner_type.value
    else:
        json_owner_type = owner_type
    params["owner_type"] = json_owner_type

    json_owner_id: None | str | Unset
    if isinstance(owner_id, Unset):
        json_owner_id = UNSET
    else:
        json_owner_id = owner_id
    params["owner_id"] = json_owner_id

    json_owner_person_id: None | str | Unset
    if isinstance(owner_person_id, Unset):
        json_owner_person_id = UNSET
    else:
        json_owner_person_id = owner_person_id
    params["owner_person_id"] = json_owner_person_id

    json_grade: None | str | Unset
    if isinstance(grade, Unset):
        json_grade = UNSET
    elif isinstance(grade, Grade):
        json_grade = grade.value
    else:
        json_grade = grade
    params["grade"] = json_grade

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/objectives",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageObjectivePublic | Problem | None:
    if response.status_code == 200:
        response_200 = PageObjectivePublic.from_dict(response.json())

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
) -> Response[PageObjectivePublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cycle_id: None | str | Unset = UNSET,
    state: None | ObjectiveState | Unset = UNSET,
    owner_type: None | OwnerType | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    owner_person_id: None | str | Unset = UNSET,
    grade: Grade | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageObjectivePublic | Problem]:
    """List Objectives

     Objectives in creation order with their key results; drafts only where the caller may see
    them. `owner_person_id` finds a person's own objectives and those of the units they head.

    Args:
        cycle_id (None | str | Unset):
        state (None | ObjectiveState | Unset):
        owner_type (None | OwnerType | Unset):
        owner_id (None | str | Unset):
        owner_person_id (None | str | Unset):
        grade (Grade | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageObjectivePublic | Problem]
    """

    kwargs = _get_kwargs(
        cycle_id=cycle_id,
        state=state,
        owner_type=owner_type,
        owner_id=owner_id,
        owner_person_id=owner_person_id,
        grade=grade,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cycle_id: None | str | Unset = UNSET,
    state: None | ObjectiveState | Unset = UNSET,
    owner_type: None | OwnerType | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    owner_person_id: None | str | Unset = UNSET,
    grade: Grade | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageObjectivePublic | Problem | None:
    """List Objectives

     Objectives in creation order with their key results; drafts only where the caller may see
    them. `owner_person_id` finds a person's own objectives and those of the units they head.

    Args:
        cycle_id (None | str | Unset):
        state (None | ObjectiveState | Unset):
        owner_type (None | OwnerType | Unset):
        owner_id (None | str | Unset):
        owner_person_id (None | str | Unset):
        grade (Grade | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageObjectivePublic | Problem
    """

    return sync_detailed(
        client=client,
        cycle_id=cycle_id,
        state=state,
        owner_type=owner_type,
        owner_id=owner_id,
        owner_person_id=owner_person_id,
        grade=grade,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cycle_id: None | str | Unset = UNSET,
    state: None | ObjectiveState | Unset = UNSET,
    owner_type: None | OwnerType | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    owner_person_id: None | str | Unset = UNSET,
    grade: Grade | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageObjectivePublic | Problem]:
    """List Objectives

     Objectives in creation order with their key results; drafts only where the caller may see
    them. `owner_person_id` finds a person's own objectives and those of the units they head.

    Args:
        cycle_id (None | str | Unset):
        state (None | ObjectiveState | Unset):
        owner_type (None | OwnerType | Unset):
        owner_id (None | str | Unset):
        owner_person_id (None | str | Unset):
        grade (Grade | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageObjectivePublic | Problem]
    """

    kwargs = _get_kwargs(
        cycle_id=cycle_id,
        state=state,
        owner_type=owner_type,
        owner_id=owner_id,
        owner_person_id=owner_person_id,
        grade=grade,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cycle_id: None | str | Unset = UNSET,
    state: None | ObjectiveState | Unset = UNSET,
    owner_type: None | OwnerType | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    owner_person_id: None | str | Unset = UNSET,
    grade: Grade | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageObjectivePublic | Problem | None:
    """List Objectives

     Objectives in creation order with their key results; drafts only where the caller may see
    them. `owner_person_id` finds a person's own objectives and those of the units they head.

    Args:
        cycle_id (None | str | Unset):
        state (None | ObjectiveState | Unset):
        owner_type (None | OwnerType | Unset):
        owner_id (None | str | Unset):
        owner_person_id (None | str | Unset):
        grade (Grade | None | Unset):
        limit (int | Unset): Items per page (default 50, max 500). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageObjectivePublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cycle_id=cycle_id,
            state=state,
            owner_type=owner_type,
            owner_id=owner_id,
            owner_person_id=owner_person_id,
            grade=grade,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
