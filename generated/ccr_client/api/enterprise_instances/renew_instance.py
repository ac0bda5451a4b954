from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_renew_input import InstanceRenewInput
from ...models.instance_renew_result import InstanceRenewResult
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: InstanceRenewInput,
    order_type: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["orderType"] = order_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances/renew",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstanceRenewResult | None:
    if response.status_code == 200:
        response_200 = InstanceRenewResult.from_dict(response.json())

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
) -> Response[BceError | InstanceRenewResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InstanceRenewInput,
    order_type: str,
) -> Response[BceError | InstanceRenewResult]:
    """Renew instances (billed)

     **Billed.** Orders the renewal of one or more prepaid instances (one `items` entry each) and
    answers the order id. Charged to the caller's account: conformance suites must never call
    this operation against a real endpoint. Known from bce-sdk-go only, which passes
    `orderType` as a separate argument and sends it as a query parameter; its doc comment asks
    for `renew`, its test sends `RENEW`, so both are accepted (ERRATA E48). Note the answer's
    `orderId` (not `orderID` as in create and upgrade).

    Args:
        order_type (str):
        body (InstanceRenewInput): A renewal order (bce-sdk-go `RenewInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRenewResult]
    """

    kwargs = _get_kwargs(
        body=body,
        order_type=order_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: InstanceRenewInput,
    order_type: str,
) -> BceError | InstanceRenewResult | None:
    """Renew instances (billed)

     **Billed.** Orders the renewal of one or more prepaid instances (one `items` entry each) and
    answers the order id. Charged to the caller's account: conformance suites must never call
    this operation against a real endpoint. Known from bce-sdk-go only, which passes
    `orderType` as a separate argument and sends it as a query parameter; its doc comment asks
    for `renew`, its test sends `RENEW`, so both are accepted (ERRATA E48). Note the answer's
    `orderId` (not `orderID` as in create and upgrade).

    Args:
        order_type (str):
        body (InstanceRenewInput): A renewal order (bce-sdk-go `RenewInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRenewResult
    """

    return sync_detailed(
        client=client,
        body=body,
        order_type=order_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InstanceRenewInput,
    order_type: str,
) -> Response[BceError | InstanceRenewResult]:
    """Renew instances (billed)

     **Billed.** Orders the renewal of one or more prepaid instances (one `items` entry each) and
    answers the order id. Charged to the caller's account: conformance suites must never call
    this operation against a real endpoint. Known from bce-sdk-go only, which passes
    `orderType` as a separate argument and sends it as a query parameter; its doc comment asks
    for `renew`, its test sends `RENEW`, so both are accepted (ERRATA E48). Note the answer's
    `orderId` (not `orderID` as in create and upgrade).

    Args:
        order_type (str):
        body (InstanceRenewInput): A renewal order (bce-sdk-go `RenewInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceRenewResult]
    """

    kwargs = _get_kwargs(
        body=body,
        order_type=order_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InstanceRenewInput,
    order_type: str,
) -> BceError | InstanceRenewResult | None:
    """Renew instances (billed)

     **Billed.** Orders the renewal of one or more prepaid instances (one `items` entry each) and
    answers the order id. Charged to the caller's account: conformance suites must never call
    this operation against a real endpoint. Known from bce-sdk-go only, which passes
    `orderType` as a separate argument and sends it as a query parameter; its doc comment asks
    for `renew`, its test sends `RENEW`, so both are accepted (ERRATA E48). Note the answer's
    `orderId` (not `orderID` as in create and upgrade).

    Args:
        order_type (str):
        body (InstanceRenewInput): A renewal order (bce-sdk-go `RenewInstanceArgs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceRenewResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            order_type=order_type,
        )
    ).parsed
