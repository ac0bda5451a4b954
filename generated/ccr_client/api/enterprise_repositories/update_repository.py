from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.repository import Repository
from ...models.repository_update_input import RepositoryUpdateInput
from ...types import Response


def _get_kwargs(
    instance_id: str,
    project_name: str,
    repository_name: str,
    *,
    body: RepositoryUpdateInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/instances/{instance_id}/projects/{project_name}/repositories/{repository_name}".format(
            instance_id=quote(str(instance_id), safe=""),
            project_name=quote(str(project_name), safe=""),
            repository_name=quote(str(repository_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BceError | Repository | None:
    if response.status_code == 200:
        response_200 = Repository.from_dict(response.json())

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
) -> Response[BceError | Repository]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    project_name: str,
    repository_name: str,
    *,
    client: AuthenticatedClient,
    body: RepositoryUpdateInput,
) -> Response[BceError | Repository]:
    """Update repository description

     Replaces the repository's description (an empty string clears it) and answers the
    repository. The name in the path follows ERRATA E39.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        body (RepositoryUpdateInput): The repository's new description.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | Repository]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    project_name: str,
    repository_name: str,
    *,
    client: AuthenticatedClient,
    body: RepositoryUpdateInput,
) -> BceError | Repository | None:
    """Update repository description

     Replaces the repository's description (an empty string clears it) and answers the
    repository. The name in the path follows ERRATA E39.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        body (RepositoryUpdateInput): The repository's new description.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | Repository
    """

    return sync_detailed(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    project_name: str,
    repository_name: str,
    *,
    client: AuthenticatedClient,
    body: RepositoryUpdateInput,
) -> Response[BceError | Repository]:
    """Update repository description

     Replaces the repository's description (an empty string clears it) and answers the
    repository. The name in the path follows ERRATA E39.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        body (RepositoryUpdateInput): The repository's new description.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | Repository]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    project_name: str,
    repository_name: str,
    *,
    client: AuthenticatedClient,
    body: RepositoryUpdateInput,
) -> BceError | Repository | None:
    """Update repository description

     Replaces the repository's description (an empty string clears it) and answers the
    repository. The name in the path follows ERRATA E39.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        body (RepositoryUpdateInput): The repository's new description.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | Repository
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            project_name=project_name,
            repository_name=repository_name,
            client=client,
            body=body,
        )
    ).parsed
