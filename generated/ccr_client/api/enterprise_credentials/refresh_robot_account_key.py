from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.robot_secret import RobotSecret
from ...models.robot_secret_request import RobotSecretRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    instance_id: str,
    robot_id: int,
    *,
    body: RobotSecretRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/instances/{instance_id}/robots/{robot_id}/secret".format(
            instance_id=quote(str(instance_id), safe=""),
            robot_id=quote(str(robot_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BceError | RobotSecret | None:
    if response.status_code == 200:
        response_200 = RobotSecret.from_dict(response.json())

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
) -> Response[BceError | RobotSecret]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    robot_id: int,
    *,
    client: AuthenticatedClient,
    body: RobotSecretRequest | Unset = UNSET,
) -> Response[BceError | RobotSecret]:
    """Refresh robot account secret

     Replaces a robot account's secret, with the one given or, when `secret` is left out, one
    the server generates. The answer carries the new secret; it is the only time it is shown.
    The old secret stops working at once.

    Args:
        instance_id (str):
        robot_id (int):
        body (RobotSecretRequest | Unset): The new secret, or nothing to let the server generate
            one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RobotSecret]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        robot_id=robot_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    robot_id: int,
    *,
    client: AuthenticatedClient,
    body: RobotSecretRequest | Unset = UNSET,
) -> BceError | RobotSecret | None:
    """Refresh robot account secret

     Replaces a robot account's secret, with the one given or, when `secret` is left out, one
    the server generates. The answer carries the new secret; it is the only time it is shown.
    The old secret stops working at once.

    Args:
        instance_id (str):
        robot_id (int):
        body (RobotSecretRequest | Unset): The new secret, or nothing to let the server generate
            one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RobotSecret
    """

    return sync_detailed(
        instance_id=instance_id,
        robot_id=robot_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    robot_id: int,
    *,
    client: AuthenticatedClient,
    body: RobotSecretRequest | Unset = UNSET,
) -> Response[BceError | RobotSecret]:
    """Refresh robot account secret

     Replaces a robot account's secret, with the one given or, when `secret` is left out, one
    the server generates. The answer carries the new secret; it is the only time it is shown.
    The old secret stops working at once.

    Args:
        instance_id (str):
        robot_id (int):
        body (RobotSecretRequest | Unset): The new secret, or nothing to let the server generate
            one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RobotSecret]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        robot_id=robot_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    robot_id: int,
    *,
    client: AuthenticatedClient,
    body: RobotSecretRequest | Unset = UNSET,
) -> BceError | RobotSecret | None:
    """Refresh robot account secret

     Replaces a robot account's secret, with the one given or, when `secret` is left out, one
    the server generates. The answer carries the new secret; it is the only time it is shown.
    The old secret stops working at once.

    Args:
        instance_id (str):
        robot_id (int):
        body (RobotSecretRequest | Unset): The new secret, or nothing to let the server generate
            one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RobotSecret
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            robot_id=robot_id,
            client=client,
            body=body,
        )
    ).parsed
