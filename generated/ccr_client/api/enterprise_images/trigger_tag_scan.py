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
    tag_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/instances/{instance_id}/projects/{project_name}/repositories/{repository_name}/tags/{tag_name}/scan".format(
            instance_id=quote(str(instance_id), safe=""),
            project_name=quote(str(project_name), safe=""),
            repository_name=quote(str(repository_name), safe=""),
            tag_name=quote(str(tag_name), safe=""),
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
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | EmptyObject]:
    """Scan image tag

     Starts a vulnerability scan of the artifact a tag points to. The request has no body and the
    answer is empty; follow the scan through the tag's `scanOverview.scanStatus` and read the
    findings with GetTagsScanOverview. Starting a scan while one is `Pending` or `Running`
    for the same artifact answers 409.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        tag_name (str):

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
        tag_name=tag_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    project_name: str,
    repository_name: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> BceError | EmptyObject | None:
    """Scan image tag

     Starts a vulnerability scan of the artifact a tag points to. The request has no body and the
    answer is empty; follow the scan through the tag's `scanOverview.scanStatus` and read the
    findings with GetTagsScanOverview. Starting a scan while one is `Pending` or `Running`
    for the same artifact answers 409.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        tag_name (str):

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
        tag_name=tag_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    project_name: str,
    repository_name: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | EmptyObject]:
    """Scan image tag

     Starts a vulnerability scan of the artifact a tag points to. The request has no body and the
    answer is empty; follow the scan through the tag's `scanOverview.scanStatus` and read the
    findings with GetTagsScanOverview. Starting a scan while one is `Pending` or `Running`
    for the same artifact answers 409.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        tag_name (str):

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
        tag_name=tag_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    project_name: str,
    repository_name: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> BceError | EmptyObject | None:
    """Scan image tag

     Starts a vulnerability scan of the artifact a tag points to. The request has no body and the
    answer is empty; follow the scan through the tag's `scanOverview.scanStatus` and read the
    findings with GetTagsScanOverview. Starting a scan while one is `Pending` or `Running`
    for the same artifact answers 409.

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        repository_name (str):
        tag_name (str):

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
            tag_name=tag_name,
            client=client,
        )
    ).parsed
