from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.migration_rule import MigrationRule
from ...types import Response


def _get_kwargs(
    instance_id: str,
    policy_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instances/{instance_id}/replications/{policy_id}".format(
            instance_id=quote(str(instance_id), safe=""),
            policy_id=quote(str(policy_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | MigrationRule | None:
    if response.status_code == 200:
        response_200 = MigrationRule.from_dict(response.json())

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
) -> Response[BceError | MigrationRule]:
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
) -> Response[BceError | MigrationRule]:
    """Get migration rule

     Reads one migration rule. `srcRegistry` is the registry the rule pulls from; `destRegistry`
    is the instance itself, reported as the local registry (id 0, zero timestamps), as Baidu's
    documented example shows (ERRATA E71). Neither
    carries a registry secret (ERRATA E70). An id that is
    not a migration rule of this instance, a synchronization policy's id included, answers 404.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | MigrationRule]
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
) -> BceError | MigrationRule | None:
    """Get migration rule

     Reads one migration rule. `srcRegistry` is the registry the rule pulls from; `destRegistry`
    is the instance itself, reported as the local registry (id 0, zero timestamps), as Baidu's
    documented example shows (ERRATA E71). Neither
    carries a registry secret (ERRATA E70). An id that is
    not a migration rule of this instance, a synchronization policy's id included, answers 404.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | MigrationRule
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
) -> Response[BceError | MigrationRule]:
    """Get migration rule

     Reads one migration rule. `srcRegistry` is the registry the rule pulls from; `destRegistry`
    is the instance itself, reported as the local registry (id 0, zero timestamps), as Baidu's
    documented example shows (ERRATA E71). Neither
    carries a registry secret (ERRATA E70). An id that is
    not a migration rule of this instance, a synchronization policy's id included, answers 404.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | MigrationRule]
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
) -> BceError | MigrationRule | None:
    """Get migration rule

     Reads one migration rule. `srcRegistry` is the registry the rule pulls from; `destRegistry`
    is the instance itself, reported as the local registry (id 0, zero timestamps), as Baidu's
    documented example shows (ERRATA E71). Neither
    carries a registry secret (ERRATA E70). An id that is
    not a migration rule of this instance, a synchronization policy's id included, answers 404.

    Args:
        instance_id (str):
        policy_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | MigrationRule
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            policy_id=policy_id,
            client=client,
        )
    ).parsed
