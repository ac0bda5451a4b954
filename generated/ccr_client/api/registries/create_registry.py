from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.action_result import ActionResult
from ...models.bce_error import BceError
from ...models.registry_input import RegistryInput
from ...types import Response


def _get_kwargs(
    *,
    body: RegistryInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ccr/registries",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActionResult | BceError | None:
    if response.status_code == 200:
        response_200 = ActionResult.from_dict(response.json())

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
) -> Response[ActionResult | BceError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RegistryInput,
) -> Response[ActionResult | BceError]:
    """Create registry authorization

     Records an external registry (Harbor or any Docker Registry v2) and the credential used to
    read from it. To move images from CCE's hub, use type `docker-registry` with URL
    `http://hub.baidubce.com` and the CCE account's user name and password.

    Args:
        body (RegistryInput): A registry authorization as written by create (and the health check
            of a registry not yet created).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResult | BceError]
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
    body: RegistryInput,
) -> ActionResult | BceError | None:
    """Create registry authorization

     Records an external registry (Harbor or any Docker Registry v2) and the credential used to
    read from it. To move images from CCE's hub, use type `docker-registry` with URL
    `http://hub.baidubce.com` and the CCE account's user name and password.

    Args:
        body (RegistryInput): A registry authorization as written by create (and the health check
            of a registry not yet created).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResult | BceError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RegistryInput,
) -> Response[ActionResult | BceError]:
    """Create registry authorization

     Records an external registry (Harbor or any Docker Registry v2) and the credential used to
    read from it. To move images from CCE's hub, use type `docker-registry` with URL
    `http://hub.baidubce.com` and the CCE account's user name and password.

    Args:
        body (RegistryInput): A registry authorization as written by create (and the health check
            of a registry not yet created).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResult | BceError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RegistryInput,
) -> ActionResult | BceError | None:
    """Create registry authorization

     Records an external registry (Harbor or any Docker Registry v2) and the credential used to
    read from it. To move images from CCE's hub, use type `docker-registry` with URL
    `http://hub.baidubce.com` and the CCE account's user name and password.

    Args:
        body (RegistryInput): A registry authorization as written by create (and the health check
            of a registry not yet created).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResult | BceError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
