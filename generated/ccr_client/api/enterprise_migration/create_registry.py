from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_registry_created import InstanceRegistryCreated
from ...models.instance_registry_input import InstanceRegistryInput
from ...types import Response


def _get_kwargs(
    instance_id: str,
    *,
    body: InstanceRegistryInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances/{instance_id}/registries".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstanceRegistryCreated | None:
    if response.status_code == 200:
        response_200 = InstanceRegistryCreated.from_dict(response.json())

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
) -> Response[BceError | InstanceRegistryCreated]:
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
    body: InstanceRegistryInput,
) -> Response[BceError | InstanceRegistryCreated]:
    """Create registry

     Records an external registry and the credential used to read from it. `type` must be
    one of the four registry types; `name` and `url` must not be empty; registry names are
    unique in the instance (409). `credential.accessSecret` is stored and never returned.
    The answer is the new registry, with the timestamps in camelCase like every other
    registry answer; bce-sdk-go's model of this one answer expects `creation_time` and
    `update_time`, which a server may add as copies (ERRATA E66). Known from bce-sdk-go only,
    which sends every field, `credential: null`
    when none is given (ERRATA E65).

    Args:
        instance_id (str):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRegistryCreated]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> BceError | InstanceRegistryCreated | None:
    """Create registry

     Records an external registry and the credential used to read from it. `type` must be
    one of the four registry types; `name` and `url` must not be empty; registry names are
    unique in the instance (409). `credential.accessSecret` is stored and never returned.
    The answer is the new registry, with the timestamps in camelCase like every other
    registry answer; bce-sdk-go's model of this one answer expects `creation_time` and
    `update_time`, which a server may add as copies (ERRATA E66). Known from bce-sdk-go only,
    which sends every field, `credential: null`
    when none is given (ERRATA E65).

    Args:
        instance_id (str):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRegistryCreated
    """

    return sync_detailed(
        instance_id=instance_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> Response[BceError | InstanceRegistryCreated]:
    """Create registry

     Records an external registry and the credential used to read from it. `type` must be
    one of the four registry types; `name` and `url` must not be empty; registry names are
    unique in the instance (409). `credential.accessSecret` is stored and never returned.
    The answer is the new registry, with the timestamps in camelCase like every other
    registry answer; bce-sdk-go's model of this one answer expects `creation_time` and
    `update_time`, which a server may add as copies (ERRATA E66). Known from bce-sdk-go only,
    which sends every field, `credential: null`
    when none is given (ERRATA E65).

    Args:
        instance_id (str):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRegistryCreated]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: InstanceRegistryInput,
) -> BceError | InstanceRegistryCreated | None:
    """Create registry

     Records an external registry and the credential used to read from it. `type` must be
    one of the four registry types; `name` and `url` must not be empty; registry names are
    unique in the instance (409). `credential.accessSecret` is stored and never returned.
    The answer is the new registry, with the timestamps in camelCase like every other
    registry answer; bce-sdk-go's model of this one answer expects `creation_time` and
    `update_time`, which a server may add as copies (ERRATA E66). Known from bce-sdk-go only,
    which sends every field, `credential: null`
    when none is given (ERRATA E65).

    Args:
        instance_id (str):
        body (InstanceRegistryInput): A registry as written by create and update. bce-sdk-go sends
            every field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRegistryCreated
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            body=body,
        )
    ).parsed
