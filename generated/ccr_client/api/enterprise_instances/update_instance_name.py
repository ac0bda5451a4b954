from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_name_input import InstanceNameInput
from ...models.instance_summary import InstanceSummary
from ...types import Response


def _get_kwargs(
    instance_id: str,
    *,
    body: InstanceNameInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/instances/{instance_id}".format(
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstanceSummary | None:
    if response.status_code == 200:
        response_200 = InstanceSummary.from_dict(response.json())

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
) -> Response[BceError | InstanceSummary]:
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
    body: InstanceNameInput,
) -> Response[BceError | InstanceSummary]:
    """Rename instance

     Changes an instance's display name (1 to 256 characters) and answers the instance. The
    answer's `tags`, if sent, is one `{tagKey, tagValue}` object: baiducloud-python-sdk-ccr
    (`LogicalTag().from_dict`) and baiducloud-go-sdk (`Tags *LogicalTag`) decode nothing else,
    and bce-sdk-go does not read it. Servers leave it out, since one object cannot hold an
    instance's tag list; read the tags with GetInstanceDetail (ERRATA E49). `expireTime` in
    the answer is known from bce-sdk-go only.
    bce-sdk-go drops `name` when it is empty, which is then a 400.

    Args:
        instance_id (str):
        body (InstanceNameInput): The new display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceSummary]
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
    body: InstanceNameInput,
) -> BceError | InstanceSummary | None:
    """Rename instance

     Changes an instance's display name (1 to 256 characters) and answers the instance. The
    answer's `tags`, if sent, is one `{tagKey, tagValue}` object: baiducloud-python-sdk-ccr
    (`LogicalTag().from_dict`) and baiducloud-go-sdk (`Tags *LogicalTag`) decode nothing else,
    and bce-sdk-go does not read it. Servers leave it out, since one object cannot hold an
    instance's tag list; read the tags with GetInstanceDetail (ERRATA E49). `expireTime` in
    the answer is known from bce-sdk-go only.
    bce-sdk-go drops `name` when it is empty, which is then a 400.

    Args:
        instance_id (str):
        body (InstanceNameInput): The new display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceSummary
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
    body: InstanceNameInput,
) -> Response[BceError | InstanceSummary]:
    """Rename instance

     Changes an instance's display name (1 to 256 characters) and answers the instance. The
    answer's `tags`, if sent, is one `{tagKey, tagValue}` object: baiducloud-python-sdk-ccr
    (`LogicalTag().from_dict`) and baiducloud-go-sdk (`Tags *LogicalTag`) decode nothing else,
    and bce-sdk-go does not read it. Servers leave it out, since one object cannot hold an
    instance's tag list; read the tags with GetInstanceDetail (ERRATA E49). `expireTime` in
    the answer is known from bce-sdk-go only.
    bce-sdk-go drops `name` when it is empty, which is then a 400.

    Args:
        instance_id (str):
        body (InstanceNameInput): The new display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstanceSummary]
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
    body: InstanceNameInput,
) -> BceError | InstanceSummary | None:
    """Rename instance

     Changes an instance's display name (1 to 256 characters) and answers the instance. The
    answer's `tags`, if sent, is one `{tagKey, tagValue}` object: baiducloud-python-sdk-ccr
    (`LogicalTag().from_dict`) and baiducloud-go-sdk (`Tags *LogicalTag`) decode nothing else,
    and bce-sdk-go does not read it. Servers leave it out, since one object cannot hold an
    instance's tag list; read the tags with GetInstanceDetail (ERRATA E49). `expireTime` in
    the answer is known from bce-sdk-go only.
    bce-sdk-go drops `name` when it is empty, which is then a 400.

    Args:
        instance_id (str):
        body (InstanceNameInput): The new display name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstanceSummary
    """

    return (
        await asyncio_detailed(
            instance_id=instance_id,
            client=client,
            body=body,
        )
    ).parsed
