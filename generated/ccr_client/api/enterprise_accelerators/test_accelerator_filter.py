from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accelerator_filter_match import AcceleratorFilterMatch
from ...models.accelerator_filter_test import AcceleratorFilterTest
from ...models.bce_error import BceError
from ...types import Response


def _get_kwargs(
    *,
    body: AcceleratorFilterTest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/accelerators/policies/filters",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AcceleratorFilterMatch | BceError | None:
    if response.status_code == 200:
        response_200 = AcceleratorFilterMatch.from_dict(response.json())

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
) -> Response[AcceleratorFilterMatch | BceError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AcceleratorFilterTest,
) -> Response[AcceleratorFilterMatch | BceError]:
    """Test on-demand loading filters

     Says whether an image repository address would match a set of filters, without storing
    anything. Unlike the rest of this group the path names no instance: the filters and the
    address travel in the body and the regional host answers
    (ERRATA E59). Baidu's example labels the JSON
    answer `text/plain`; the contract declares `application/json`.

    Args:
        body (AcceleratorFilterTest): Filters to try and the image repository address to try them
            on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceleratorFilterMatch | BceError]
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
    body: AcceleratorFilterTest,
) -> AcceleratorFilterMatch | BceError | None:
    """Test on-demand loading filters

     Says whether an image repository address would match a set of filters, without storing
    anything. Unlike the rest of this group the path names no instance: the filters and the
    address travel in the body and the regional host answers
    (ERRATA E59). Baidu's example labels the JSON
    answer `text/plain`; the contract declares `application/json`.

    Args:
        body (AcceleratorFilterTest): Filters to try and the image repository address to try them
            on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceleratorFilterMatch | BceError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AcceleratorFilterTest,
) -> Response[AcceleratorFilterMatch | BceError]:
    """Test on-demand loading filters

     Says whether an image repository address would match a set of filters, without storing
    anything. Unlike the rest of this group the path names no instance: the filters and the
    address travel in the body and the regional host answers
    (ERRATA E59). Baidu's example labels the JSON
    answer `text/plain`; the contract declares `application/json`.

    Args:
        body (AcceleratorFilterTest): Filters to try and the image repository address to try them
            on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceleratorFilterMatch | BceError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AcceleratorFilterTest,
) -> AcceleratorFilterMatch | BceError | None:
    """Test on-demand loading filters

     Says whether an image repository address would match a set of filters, without storing
    anything. Unlike the rest of this group the path names no instance: the filters and the
    address travel in the body and the regional host answers
    (ERRATA E59). Baidu's example labels the JSON
    answer `text/plain`; the contract declares `application/json`.

    Args:
        body (AcceleratorFilterTest): Filters to try and the image repository address to try them
            on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceleratorFilterMatch | BceError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
