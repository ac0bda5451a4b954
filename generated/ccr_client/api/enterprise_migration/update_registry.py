from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_registry import InstanceRegistry
from ...models.instance_registry_input import InstanceRegistryInput
from ...types import Response


def _get_kwargs(
    instance_id: str,
    registry_id: int,
    *,
    body: InstanceRegistryInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/instances/{instance_id}/registries/{registry_id}".format(
            instance_id=quote(str(instance_id), safe=""),
            registry_id=quote(str(registry_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstanceRegistry | None:
    if response.status_code == 200:
        response_200 = InstanceRegistry.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = BceError.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = BceError.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = BceError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BceError | InstanceRegistry]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    registry_id: int,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> Response[BceError | InstanceRegistry]:
    """Update registry

     Replaces a registry with the body (the same fields and rules as `CreateRegistry`) and
    answers the registry as stored. Leaving `credential` null keeps the stored credential;
    a credential without `accessSecret` keeps the stored secret. Renaming to another
    registry's name answers 409. Known from bce-sdk-go only.

    Args:
        instance_id (str):
        registry_id (int):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRegistry]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        registry_id=registry_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    registry_id: int,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> BceError | InstanceRegistry | None:
    """Update registry

     Replaces a registry with the body (the same fields and rules as `CreateRegistry`) and
    answers the registry as stored. Leaving `credential` null keeps the stored credential;
    a credential without `accessSecret` keeps the stored secret. Renaming to another
    registry's name answers 409. Known from bce-sdk-go only.

    Args:
        instance_id (str):
        registry_id (int):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRegistry
    """

    return sync_detailed(
        instance_id=instance_id,
        registry_id=registry_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    registry_id: int,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> Response[BceError | InstanceRegistry]:
    """Update registry

     Replaces a registry with the body (the same fields and rules as `CreateRegistry`) and
    answers the registry as stored. Leaving `credential` null keeps the stored credential;
    a credential without `accessSecret` keeps the stored secret. Renaming to another
    registry's name answers 409. Known from bce-sdk-go only.

    Args:
        instance_id (str):
        registry_id (int):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRegistry]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        registry_id=registry_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    registry_id: int,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> BceError | InstanceRegistry | None:
    """Update registry

     Replaces a registry with the body (the same fields and rules as `CreateRegistry`) and
    answers the registry as stored. Leaving `credential` null keeps the stored credential;
    a credential without `accessSecret` keeps the stored secret. Renaming to another
    registry's name answers 409. Known from bce-sdk-go only.

    Args:
        instance_id (str):
        registry_id (int):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRegistry
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            registry_id=registry_id,
            client=client,
            body=body,
        )
    ).parsed
