from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.empty_object import EmptyObject
from ...models.migration_execution_input import MigrationExecutionInput
from ...types import Response


def _get_kwargs(
    instance_id: str,
    *,
    body: MigrationExecutionInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances/{instance_id}/executions".format(
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
    body: MigrationExecutionInput,
) -> Response[BceError | EmptyObject]:
    """Run a migration rule or synchronization policy

     Starts one execution of the policy `policyId`. This one route serves both Baidu actions,
    ExecuteImageMigration and ExecuteInstanceSync, whose requests are identical: the server
    tells them apart only by the policy the id names. Migration rule ids and synchronization
    policy ids of an instance come from one id space, so the id alone decides which kind of
    policy runs (ERRATA E64). An id that names neither
    answers 404; a policy that cannot run now (disabled, or already running) answers 409.
    `policyId` is an integer here, though the same id travels as a string in paths and in
    the `policyId` query (ERRATA E41). The answer has no body and does
    not carry the new execution's id: list the executions of the policy to find it (ERRATA E73).

    Args:
        instance_id (str):
        body (MigrationExecutionInput): The policy to run, a migration rule or a synchronization
            policy.

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
    body: MigrationExecutionInput,
) -> BceError | EmptyObject | None:
    """Run a migration rule or synchronization policy

     Starts one execution of the policy `policyId`. This one route serves both Baidu actions,
    ExecuteImageMigration and ExecuteInstanceSync, whose requests are identical: the server
    tells them apart only by the policy the id names. Migration rule ids and synchronization
    policy ids of an instance come from one id space, so the id alone decides which kind of
    policy runs (ERRATA E64). An id that names neither
    answers 404; a policy that cannot run now (disabled, or already running) answers 409.
    `policyId` is an integer here, though the same id travels as a string in paths and in
    the `policyId` query (ERRATA E41). The answer has no body and does
    not carry the new execution's id: list the executions of the policy to find it (ERRATA E73).

    Args:
        instance_id (str):
        body (MigrationExecutionInput): The policy to run, a migration rule or a synchronization
            policy.

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
    body: MigrationExecutionInput,
) -> Response[BceError | EmptyObject]:
    """Run a migration rule or synchronization policy

     Starts one execution of the policy `policyId`. This one route serves both Baidu actions,
    ExecuteImageMigration and ExecuteInstanceSync, whose requests are identical: the server
    tells them apart only by the policy the id names. Migration rule ids and synchronization
    policy ids of an instance come from one id space, so the id alone decides which kind of
    policy runs (ERRATA E64). An id that names neither
    answers 404; a policy that cannot run now (disabled, or already running) answers 409.
    `policyId` is an integer here, though the same id travels as a string in paths and in
    the `policyId` query (ERRATA E41). The answer has no body and does
    not carry the new execution's id: list the executions of the policy to find it (ERRATA E73).

    Args:
        instance_id (str):
        body (MigrationExecutionInput): The policy to run, a migration rule or a synchronization
            policy.

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
    body: MigrationExecutionInput,
) -> BceError | EmptyObject | None:
    """Run a migration rule or synchronization policy

     Starts one execution of the policy `policyId`. This one route serves both Baidu actions,
    ExecuteImageMigration and ExecuteInstanceSync, whose requests are identical: the server
    tells them apart only by the policy the id names. Migration rule ids and synchronization
    policy ids of an instance come from one id space, so the id alone decides which kind of
    policy runs (ERRATA E64). An id that names neither
    answers 404; a policy that cannot run now (disabled, or already running) answers 409.
    `policyId` is an integer here, though the same id travels as a string in paths and in
    the `policyId` query (ERRATA E41). The answer has no body and does
    not carry the new execution's id: list the executions of the policy to find it (ERRATA E73).

    Args:
        instance_id (str):
        body (MigrationExecutionInput): The policy to run, a migration rule or a synchronization
            policy.

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
