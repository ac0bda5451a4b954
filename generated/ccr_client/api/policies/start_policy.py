from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.action_result import ActionResult
from ...models.bce_error import BceError
from ...types import Response


def _get_kwargs(
    policy_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ccr/policies/{policy_id}/start".format(
            policy_id=quote(str(policy_id), safe=""),
        ),
    }

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

    if response.status_code == 404:
        response_404 = BceError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = BceError.from_dict(response.json())

        return response_409

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
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ActionResult | BceError]:
    """Execute migration policy now

     Starts one execution of the policy. The new execution appears in the execution list for the policy.

    Args:
        policy_id (int): Numeric resource id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResult | BceError]
    """

    kwargs = _get_kwargs(
        policy_id=policy_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> ActionResult | BceError | None:
    """Execute migration policy now

     Starts one execution of the policy. The new execution appears in the execution list for the policy.

    Args:
        policy_id (int): Numeric resource id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResult | BceError
    """

    return sync_detailed(
        policy_id=policy_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ActionResult | BceError]:
    """Execute migration policy now

     Starts one execution of the policy. The new execution appears in the execution list for the policy.

    Args:
        policy_id (int): Numeric resource id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResult | BceError]
    """

    kwargs = _get_kwargs(
        policy_id=policy_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    policy_id: int,
    *,
    client: AuthenticatedClient,
) -> ActionResult | BceError | None:
    """Execute migration policy now

     Starts one execution of the policy. The new execution appears in the execution list for the policy.

    Args:
        policy_id (int): Numeric resource id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResult | BceError
    """

    return (
        await asyncio_detailed(
            policy_id=policy_id,
            client=client,
        )
    ).parsed
