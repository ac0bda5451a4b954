from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.empty_object import EmptyObject
from ...types import Response


def _get_kwargs(
    instance_id: str,
    project_name: str,
    repository_name: str,
    image_build_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/instances/{instance_id}/projects/{project_name}/repositories/{repository_name}/imagebuilds/{image_build_id}".format(
            instance_id=quote(str(instance_id), safe=""),
            project_name=quote(str(project_name), safe=""),
            repository_name=quote(str(repository_name), safe=""),
            image_build_id=quote(str(image_build_id), safe=""),
        ),
    }

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
    project_name: str,
    repository_name: str,
    image_build_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | EmptyObject]:
    """Delete image build

     Deletes one image-build task. Known from bce-sdk-go only (ERRATA E53).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        image_build_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        image_build_id=image_build_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    project_name: str,
    repository_name: str,
    image_build_id: int,
    *,
    client: AuthenticatedClient,
) -> BceError | EmptyObject | None:
    """Delete image build

     Deletes one image-build task. Known from bce-sdk-go only (ERRATA E53).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        image_build_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
    """

    return sync_detailed(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        image_build_id=image_build_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    project_name: str,
    repository_name: str,
    image_build_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | EmptyObject]:
    """Delete image build

     Deletes one image-build task. Known from bce-sdk-go only (ERRATA E53).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        image_build_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | EmptyObject]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        repository_name=repository_name,
        image_build_id=image_build_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    project_name: str,
    repository_name: str,
    image_build_id: int,
    *,
    client: AuthenticatedClient,
) -> BceError | EmptyObject | None:
    """Delete image build

     Deletes one image-build task. Known from bce-sdk-go only (ERRATA E53).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        image_build_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | EmptyObject
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            project_name=project_name,
            repository_name=repository_name,
            image_build_id=image_build_id,
            client=client,
        )
    ).parsed
