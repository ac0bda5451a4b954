from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_create_input import InstanceCreateInput
from ...models.instance_create_result import InstanceCreateResult
from ...types import Response


def _get_kwargs(
    *,
    body: InstanceCreateInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstanceCreateResult | None:
    if response.status_code == 200:
        response_200 = InstanceCreateResult.from_dict(response.json())

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
) -> Response[BceError | InstanceCreateResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InstanceCreateInput,
) -> Response[BceError | InstanceCreateResult]:
    """Create instance (billed)

     **Billed.** Orders a new prepaid instance of the given type and answers the new instance's
    id and the order id. The order is charged to the caller's account, so conformance suites
    must never call this operation against a real endpoint. Known from bce-sdk-go only; the
    body rules come from the `binding` tags of its `CreateInstanceArgs` (ERRATA E48).
    bce-sdk-go sends every field, `null` for a list the caller left
    unset and `""` for an unset `bucket`.

    Args:
        body (InstanceCreateInput): An order for a new instance (bce-sdk-go `CreateInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceCreateResult]
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
    body: InstanceCreateInput,
) -> BceError | InstanceCreateResult | None:
    """Create instance (billed)

     **Billed.** Orders a new prepaid instance of the given type and answers the new instance's
    id and the order id. The order is charged to the caller's account, so conformance suites
    must never call this operation against a real endpoint. Known from bce-sdk-go only; the
    body rules come from the `binding` tags of its `CreateInstanceArgs` (ERRATA E48).
    bce-sdk-go sends every field, `null` for a list the caller left
    unset and `""` for an unset `bucket`.

    Args:
        body (InstanceCreateInput): An order for a new instance (bce-sdk-go `CreateInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceCreateResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InstanceCreateInput,
) -> Response[BceError | InstanceCreateResult]:
    """Create instance (billed)

     **Billed.** Orders a new prepaid instance of the given type and answers the new instance's
    id and the order id. The order is charged to the caller's account, so conformance suites
    must never call this operation against a real endpoint. Known from bce-sdk-go only; the
    body rules come from the `binding` tags of its `CreateInstanceArgs` (ERRATA E48).
    bce-sdk-go sends every field, `null` for a list the caller left
    unset and `""` for an unset `bucket`.

    Args:
        body (InstanceCreateInput): An order for a new instance (bce-sdk-go `CreateInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceCreateResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InstanceCreateInput,
) -> BceError | InstanceCreateResult | None:
    """Create instance (billed)

     **Billed.** Orders a new prepaid instance of the given type and answers the new instance's
    id and the order id. The order is charged to the caller's account, so conformance suites
    must never call this operation against a real endpoint. Known from bce-sdk-go only; the
    body rules come from the `binding` tags of its `CreateInstanceArgs` (ERRATA E48).
    bce-sdk-go sends every field, `null` for a list the caller left
    unset and `""` for an unset `bucket`.

    Args:
        body (InstanceCreateInput): An order for a new instance (bce-sdk-go `CreateInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceCreateResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
