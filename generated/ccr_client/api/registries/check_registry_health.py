from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.health_result import HealthResult
from ...models.registry_input import RegistryInput
from ...models.registry_ref import RegistryRef
from ...types import Response


def _get_kwargs(
    *,
    body: RegistryInput | RegistryRef,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ccr/registries/ping",
    }

    if isinstance(body, RegistryRef):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | HealthResult | None:
    if response.status_code == 200:
        response_200 = HealthResult.from_dict(response.json())

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
) -> Response[BceError | HealthResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RegistryInput | RegistryRef,
) -> Response[BceError | HealthResult]:
    """Registry health check

     Checks whether a registry answers the Docker Registry API ping (`GET {url}/v2/`) with the
    stored or given credential. The body is either `{"id": N}` for a registry already created,
    or a full registry body for one not yet created. `targetName` is `"true"` when the
    registry is healthy and `"false"` otherwise. (The seed documents this operation on
    `POST /v1/ccr/registries`, the same method and path as create; see ERRATA E1.)

    Args:
        body (RegistryInput | RegistryRef):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | HealthResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RegistryInput | RegistryRef,
) -> BceError | HealthResult | None:
    """Registry health check

     Checks whether a registry answers the Docker Registry API ping (`GET {url}/v2/`) with the
    stored or given credential. The body is either `{"id": N}` for a registry already created,
    or a full registry body for one not yet created. `targetName` is `"true"` when the
    registry is healthy and `"false"` otherwise. (The seed documents this operation on
    `POST /v1/ccr/registries`, the same method and path as create; see ERRATA E1.)

    Args:
        body (RegistryInput | RegistryRef):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | HealthResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RegistryInput | RegistryRef,
) -> Response[BceError | HealthResult]:
    """Registry health check

     Checks whether a registry answers the Docker Registry API ping (`GET {url}/v2/`) with the
    stored or given credential. The body is either `{"id": N}` for a registry already created,
    or a full registry body for one not yet created. `targetName` is `"true"` when the
    registry is healthy and `"false"` otherwise. (The seed documents this operation on
    `POST /v1/ccr/registries`, the same method and path as create; see ERRATA E1.)

    Args:
        body (RegistryInput | RegistryRef):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | HealthResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RegistryInput | RegistryRef,
) -> BceError | HealthResult | None:
    """Registry health check

     Checks whether a registry answers the Docker Registry API ping (`GET {url}/v2/`) with the
    stored or given credential. The body is either `{"id": N}` for a registry already created,
    or a full registry body for one not yet created. `targetName` is `"true"` when the
    registry is healthy and `"false"` otherwise. (The seed documents this operation on
    `POST /v1/ccr/registries`, the same method and path as create; see ERRATA E1.)

    Args:
        body (RegistryInput | RegistryRef):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | HealthResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
