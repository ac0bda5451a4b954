from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.empty_object import EmptyObject
from ...models.sync_input import SyncInput
from ...types import Response


def _get_kwargs(
    instance_id: str,
    *,
    body: SyncInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances/{instance_id}/syncs".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
) -> Response[BceError | EmptyObject]:
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
    body: SyncInput,
) -> Response[BceError | EmptyObject]:
    """Create synchronization policy

     Creates a policy that copies images from the namespace `srcProjectName` of this instance
    (narrowed to the repository `srcRepository` and the tag `srcTag` when given) to the
    instance `destInstanceId`, into `destProjectName` (the source namespace's name when
    omitted). The source namespace and the destination instance must exist (404). Policy
    names are unique in the instance (409). The body names the repository and tag
    `srcRepository` and `srcTag`; answers call them `srcRepositoryName` and `srcTagName`
    (ERRATA E68). The answer has no body and does not carry the new
    policy's id: list the policies to find it.

    Args:
        instance_id (str):
        body (SyncInput): A synchronization policy as written by create and update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
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
    body: SyncInput,
) -> BceError | EmptyObject | None:
    """Create synchronization policy

     Creates a policy that copies images from the namespace `srcProjectName` of this instance
    (narrowed to the repository `srcRepository` and the tag `srcTag` when given) to the
    instance `destInstanceId`, into `destProjectName` (the source namespace's name when
    omitted). The source namespace and the destination instance must exist (404). Policy
    names are unique in the instance (409). The body names the repository and tag
    `srcRepository` and `srcTag`; answers call them `srcRepositoryName` and `srcTagName`
    (ERRATA E68). The answer has no body and does not carry the new
    policy's id: list the policies to find it.

    Args:
        instance_id (str):
        body (SyncInput): A synchronization policy as written by create and update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
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
    body: SyncInput,
) -> Response[BceError | EmptyObject]:
    """Create synchronization policy

     Creates a policy that copies images from the namespace `srcProjectName` of this instance
    (narrowed to the repository `srcRepository` and the tag `srcTag` when given) to the
    instance `destInstanceId`, into `destProjectName` (the source namespace's name when
    omitted). The source namespace and the destination instance must exist (404). Policy
    names are unique in the instance (409). The body names the repository and tag
    `srcRepository` and `srcTag`; answers call them `srcRepositoryName` and `srcTagName`
    (ERRATA E68). The answer has no body and does not carry the new
    policy's id: list the policies to find it.

    Args:
        instance_id (str):
        body (SyncInput): A synchronization policy as written by create and update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
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
    body: SyncInput,
) -> BceError | EmptyObject | None:
    """Create synchronization policy

     Creates a policy that copies images from the namespace `srcProjectName` of this instance
    (narrowed to the repository `srcRepository` and the tag `srcTag` when given) to the
    instance `destInstanceId`, into `destProjectName` (the source namespace's name when
    omitted). The source namespace and the destination instance must exist (404). Policy
    names are unique in the instance (409). The body names the repository and tag
    `srcRepository` and `srcTag`; answers call them `srcRepositoryName` and `srcTagName`
    (ERRATA E68). The answer has no body and does not carry the new
    policy's id: list the policies to find it.

    Args:
        instance_id (str):
        body (SyncInput): A synchronization policy as written by create and update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            body=body,
        )
    ).parsed
