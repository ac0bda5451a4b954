from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...types import File, Response


def _get_kwargs(
    instance_id: str,
    project_name: str,
    filename: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instances/{instance_id}/projects/{project_name}/charts/download/{filename}".format(
            instance_id=quote(str(instance_id), safe=""),
            project_name=quote(str(project_name), safe=""),
            filename=quote(str(filename), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BceError | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BceError | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instance_id: str,
    project_name: str,
    filename: str,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | File]:
    """Download Helm chart package

     Answers a chart package, the gzip-compressed tar archive `helm package` makes, as raw bytes
    (`application/octet-stream`), not JSON. `filename` is `{chart}-{version}.tgz`, the last path
    segment of an entry of the version's `urls` (ListChartVersions). Errors still answer the
    JSON error body. The path can look like ListChartVersions of a chart named `download`
    (`.../charts/download/versions`); `versions` never matches the `.tgz` filename pattern,
    so that path is always ListChartVersions.

    baiducloud-python-sdk-ccr 0.0.3 (`download_chart`) parses every non-empty 200 body as JSON:
    on a chart package it raises `BceHttpClientError` (a `UnicodeDecodeError` inside) and the
    bytes are lost (ERRATA E43).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | File]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instance_id: str,
    project_name: str,
    filename: str,
    *,
    client: AuthenticatedClient,
) -> BceError | File | None:
    """Download Helm chart package

     Answers a chart package, the gzip-compressed tar archive `helm package` makes, as raw bytes
    (`application/octet-stream`), not JSON. `filename` is `{chart}-{version}.tgz`, the last path
    segment of an entry of the version's `urls` (ListChartVersions). Errors still answer the
    JSON error body. The path can look like ListChartVersions of a chart named `download`
    (`.../charts/download/versions`); `versions` never matches the `.tgz` filename pattern,
    so that path is always ListChartVersions.

    baiducloud-python-sdk-ccr 0.0.3 (`download_chart`) parses every non-empty 200 body as JSON:
    on a chart package it raises `BceHttpClientError` (a `UnicodeDecodeError` inside) and the
    bytes are lost (ERRATA E43).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | File
    """

    return sync_detailed(
        instance_id=instance_id,
        project_name=project_name,
        filename=filename,
        client=client,
    ).parsed


async def asyncio_detailed(
    instance_id: str,
    project_name: str,
    filename: str,
    *,
    client: AuthenticatedClient,
) -> Response[BceError | File]:
    """Download Helm chart package

     Answers a chart package, the gzip-compressed tar archive `helm package` makes, as raw bytes
    (`application/octet-stream`), not JSON. `filename` is `{chart}-{version}.tgz`, the last path
    segment of an entry of the version's `urls` (ListChartVersions). Errors still answer the
    JSON error body. The path can look like ListChartVersions of a chart named `download`
    (`.../charts/download/versions`); `versions` never matches the `.tgz` filename pattern,
    so that path is always ListChartVersions.

    baiducloud-python-sdk-ccr 0.0.3 (`download_chart`) parses every non-empty 200 body as JSON:
    on a chart package it raises `BceHttpClientError` (a `UnicodeDecodeError` inside) and the
    bytes are lost (ERRATA E43).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | File]
    """

    kwargs = _get_kwargs(
        instance_id=instance_id,
        project_name=project_name,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instance_id: str,
    project_name: str,
    filename: str,
    *,
    client: AuthenticatedClient,
) -> BceError | File | None:
    """Download Helm chart package

     Answers a chart package, the gzip-compressed tar archive `helm package` makes, as raw bytes
    (`application/octet-stream`), not JSON. `filename` is `{chart}-{version}.tgz`, the last path
    segment of an entry of the version's `urls` (ListChartVersions). Errors still answer the
    JSON error body. The path can look like ListChartVersions of a chart named `download`
    (`.../charts/download/versions`); `versions` never matches the `.tgz` filename pattern,
    so that path is always ListChartVersions.

    baiducloud-python-sdk-ccr 0.0.3 (`download_chart`) parses every non-empty 200 body as JSON:
    on a chart package it raises `BceHttpClientError` (a `UnicodeDecodeError` inside) and the
    bytes are lost (ERRATA E43).

    Args:
        instance_id (str):
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and
            `._-`, starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in
            a
            row (a contract choice, Harbor's rule).
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | File
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            project_name=project_name,
            filename=filename,
            client=client,
        )
    ).parsed
