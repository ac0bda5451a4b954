from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accelerator_policy import AcceleratorPolicy
from ...models.bce_error import BceError
from ...types import Response


def _get_kwargs(
    instance_id: str,
    policy_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instances/{instance_id}/accelerators/policies/{policy_id}".format(
            instance_id=quote(str(instance_id), safe=""),
            policy_id=quote(str(policy_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AcceleratorPolicy | BceError | None:
    if response.status_code == 200:
        response_200 = AcceleratorPolicy.from_dict(response.json())

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
) -> Response[AcceleratorPolicy | BceError]:
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
) -> Response[AcceleratorPolicy | BceError]:
    """Get on-demand loading rule

     Returns one on-demand loading rule with its filters and whether it is enabled.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceleratorPolicy | BceError]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
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
) -> AcceleratorPolicy | BceError | None:
    """Get on-demand loading rule

     Returns one on-demand loading rule with its filters and whether it is enabled.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceleratorPolicy | BceError
    """

    return sync_detailed(
        instance_id=instance_id,
        policy_id=policy_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[AcceleratorPolicy | BceError]:
    """Get on-demand loading rule

     Returns one on-demand loading rule with its filters and whether it is enabled.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceleratorPolicy | BceError]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        policy_id=policy_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> AcceleratorPolicy | BceError | None:
    """Get on-demand loading rule

     Returns one on-demand loading rule with its filters and whether it is enabled.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceleratorPolicy | BceError
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            policy_id=policy_id,
            client=client,
        )
    ).parsed
