from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.list_robot_accounts_status import ListRobotAccountsStatus
from ...models.robot_page import RobotPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    instance_id: str,
    *,
    status: ListRobotAccountsStatus | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["pageNo"] = page_no

    params["pageSize"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instances/{instance_id}/robots".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BceError | RobotPage | None:
    if response.status_code == 200:
        response_200 = RobotPage.from_dict(response.json())

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
) -> Response[BceError | RobotPage]:
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
    status: ListRobotAccountsStatus | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | RobotPage]:
    """List robot accounts

     Pages through the instance's robot accounts, optionally only the enabled or only the
    disabled ones. Secrets are never listed. Paging follows the Enterprise rules (ERRATA E40).

    Args:
        instance_id (str):
        status (ListRobotAccountsStatus | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RobotPage]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        status=status,
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
    status: ListRobotAccountsStatus | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | RobotPage | None:
    """List robot accounts

     Pages through the instance's robot accounts, optionally only the enabled or only the
    disabled ones. Secrets are never listed. Paging follows the Enterprise rules (ERRATA E40).

    Args:
        instance_id (str):
        status (ListRobotAccountsStatus | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RobotPage
    """

    return sync_detailed(
        instance_id=instance_id,
        client=client,
        status=status,
        page_no=page_no,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    status: ListRobotAccountsStatus | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | RobotPage]:
    """List robot accounts

     Pages through the instance's robot accounts, optionally only the enabled or only the
    disabled ones. Secrets are never listed. Paging follows the Enterprise rules (ERRATA E40).

    Args:
        instance_id (str):
        status (ListRobotAccountsStatus | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RobotPage]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        status=status,
        page_no=page_no,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    status: ListRobotAccountsStatus | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | RobotPage | None:
    """List robot accounts

     Pages through the instance's robot accounts, optionally only the enabled or only the
    disabled ones. Secrets are never listed. Paging follows the Enterprise rules (ERRATA E40).

    Args:
        instance_id (str):
        status (ListRobotAccountsStatus | Unset):
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RobotPage
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            status=status,
            page_no=page_no,
            page_size=page_size,
        )
    ).parsed
