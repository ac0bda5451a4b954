from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.execution_page import ExecutionPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    policy_id: int,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["policyId"] = policy_id

    params["pageNo"] = page_no

    params["pageSize"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ccr/executions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | ExecutionPage | None:
    if response.status_code == 200:
        response_200 = ExecutionPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BceError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = BceError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = BceError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = BceError.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = BceError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BceError | ExecutionPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    policy_id: int,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | ExecutionPage]:
    """List migration executions

     Pages through the executions (the seed calls them "tasks") of one policy, newest first.
    (The seed's example shows the path with a doubled prefix, `/v1/ccr//v1/ccr/executions`;
    see ERRATA E3.)

    Args:
        policy_id (int): Numeric resource id.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | ExecutionPage]
    """

    kwargs = _get_kwargs(
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    policy_id: int,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | ExecutionPage | None:
    """List migration executions

     Pages through the executions (the seed calls them "tasks") of one policy, newest first.
    (The seed's example shows the path with a doubled prefix, `/v1/ccr//v1/ccr/executions`;
    see ERRATA E3.)

    Args:
        policy_id (int): Numeric resource id.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | ExecutionPage
    """

    return sync_detailed(
        client=client,
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    policy_id: int,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | ExecutionPage]:
    """List migration executions

     Pages through the executions (the seed calls them "tasks") of one policy, newest first.
    (The seed's example shows the path with a doubled prefix, `/v1/ccr//v1/ccr/executions`;
    see ERRATA E3.)

    Args:
        policy_id (int): Numeric resource id.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | ExecutionPage]
    """

    kwargs = _get_kwargs(
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    policy_id: int,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | ExecutionPage | None:
    """List migration executions

     Pages through the executions (the seed calls them "tasks") of one policy, newest first.
    (The seed's example shows the path with a doubled prefix, `/v1/ccr//v1/ccr/executions`;
    see ERRATA E3.)

    Args:
        policy_id (int): Numeric resource id.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | ExecutionPage
    """

    return (
        await asyncio_detailed(
            client=client,
            policy_id=policy_id,
            page_no=page_no,
            page_size=page_size,
        )
    ).parsed
