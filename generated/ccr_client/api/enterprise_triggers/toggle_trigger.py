from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.empty_object import EmptyObject
from ...types import UNSET, Response


def _get_kwargs(
    instance_id: str,
    policy_id: int,
    *,
    enabled: bool,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["enabled"] = enabled

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/instances/{instance_id}/triggers/policies/{policy_id}/enable".format(
            instance_id=quote(str(instance_id), safe=""),
            policy_id=quote(str(policy_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BceError | EmptyObject | None:
    if response.status_code == 200:
        response_200 = EmptyObject.from_dict(response.json())

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
) -> Response[BceError | EmptyObject]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
    enabled: bool,
) -> Response[BceError | EmptyObject]:
    """Enable or disable trigger

     Turns a trigger policy on (`enabled=true`) or off (`enabled=false`); a disabled policy
    keeps its settings but fires no jobs. No body. `enabled` is a boolean flag, `true` or `false`
    in any case: Baidu's metadata types it as a string, baiducloud-python-sdk-ccr sends `True`
    or `False` when given a Python bool (ERRATA E45).

    Args:
        instance_id (str):
        policy_id (int):
        enabled (bool):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
        enabled=enabled,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
    enabled: bool,
) -> BceError | EmptyObject | None:
    """Enable or disable trigger

     Turns a trigger policy on (`enabled=true`) or off (`enabled=false`); a disabled policy
    keeps its settings but fires no jobs. No body. `enabled` is a boolean flag, `true` or `false`
    in any case: Baidu's metadata types it as a string, baiducloud-python-sdk-ccr sends `True`
    or `False` when given a Python bool (ERRATA E45).

    Args:
        instance_id (str):
        policy_id (int):
        enabled (bool):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
    """

    return sync_detailed(
        instance_id=instance_id,
        policy_id=policy_id,
        client=client,
        enabled=enabled,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
    enabled: bool,
) -> Response[BceError | EmptyObject]:
    """Enable or disable trigger

     Turns a trigger policy on (`enabled=true`) or off (`enabled=false`); a disabled policy
    keeps its settings but fires no jobs. No body. `enabled` is a boolean flag, `true` or `false`
    in any case: Baidu's metadata types it as a string, baiducloud-python-sdk-ccr sends `True`
    or `False` when given a Python bool (ERRATA E45).

    Args:
        instance_id (str):
        policy_id (int):
        enabled (bool):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
        enabled=enabled,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
    enabled: bool,
) -> BceError | EmptyObject | None:
    """Enable or disable trigger

     Turns a trigger policy on (`enabled=true`) or off (`enabled=false`); a disabled policy
    keeps its settings but fires no jobs. No body. `enabled` is a boolean flag, `true` or `false`
    in any case: Baidu's metadata types it as a string, baiducloud-python-sdk-ccr sends `True`
    or `False` when given a Python bool (ERRATA E45).

    Args:
        instance_id (str):
        policy_id (int):
        enabled (bool):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            policy_id=policy_id,
            client=client,
            enabled=enabled,
        )
    ).parsed
