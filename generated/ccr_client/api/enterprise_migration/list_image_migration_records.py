from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.migration_execution_page import MigrationExecutionPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    instance_id: str,
    *,
    policy_id: int | Unset = UNSET,
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
        "url": "/v1/instances/{instance_id}/executions".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | MigrationExecutionPage | None:
    if response.status_code == 200:
        response_200 = MigrationExecutionPage.from_dict(response.json())

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
) -> Response[BceError | MigrationExecutionPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    policy_id: int | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | MigrationExecutionPage]:
    """List executions

     Pages through the instance's executions, newest first. Serves both ListImageMigrationRecords
    and ListInstanceSyncRecords: with `policyId` it lists that policy's executions, whichever
    kind the policy is; without it, the executions of every migration rule and
    synchronization policy of the instance (ERRATA E64). The
    answer always carries `pageNo`, though baiducloud-python-sdk-ccr's model of the
    synchronization answer lacks it (ERRATA E67).

    Args:
        instance_id (str):
        policy_id (int | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | MigrationExecutionPage]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    policy_id: int | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | MigrationExecutionPage | None:
    """List executions

     Pages through the instance's executions, newest first. Serves both ListImageMigrationRecords
    and ListInstanceSyncRecords: with `policyId` it lists that policy's executions, whichever
    kind the policy is; without it, the executions of every migration rule and
    synchronization policy of the instance (ERRATA E64). The
    answer always carries `pageNo`, though baiducloud-python-sdk-ccr's model of the
    synchronization answer lacks it (ERRATA E67).

    Args:
        instance_id (str):
        policy_id (int | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | MigrationExecutionPage
    """

    return sync_detailed(
        instance_id=instance_id,
        client=client,
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    policy_id: int | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | MigrationExecutionPage]:
    """List executions

     Pages through the instance's executions, newest first. Serves both ListImageMigrationRecords
    and ListInstanceSyncRecords: with `policyId` it lists that policy's executions, whichever
    kind the policy is; without it, the executions of every migration rule and
    synchronization policy of the instance (ERRATA E64). The
    answer always carries `pageNo`, though baiducloud-python-sdk-ccr's model of the
    synchronization answer lacks it (ERRATA E67).

    Args:
        instance_id (str):
        policy_id (int | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | MigrationExecutionPage]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
        page_no=page_no,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    policy_id: int | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | MigrationExecutionPage | None:
    """List executions

     Pages through the instance's executions, newest first. Serves both ListImageMigrationRecords
    and ListInstanceSyncRecords: with `policyId` it lists that policy's executions, whichever
    kind the policy is; without it, the executions of every migration rule and
    synchronization policy of the instance (ERRATA E64). The
    answer always carries `pageNo`, though baiducloud-python-sdk-ccr's model of the
    synchronization answer lacks it (ERRATA E67).

    Args:
        instance_id (str):
        policy_id (int | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | MigrationExecutionPage
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            policy_id=policy_id,
            page_no=page_no,
            page_size=page_size,
        )
    ).parsed
