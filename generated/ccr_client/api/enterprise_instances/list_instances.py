from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.instance_page import InstancePage
from ...models.list_instances_acrossregion import ListInstancesAcrossregion
from ...models.list_instances_keyword_type import ListInstancesKeywordType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
    keyword_type: ListInstancesKeywordType | Unset = UNSET,
    keyword: str | Unset = UNSET,
    acrossregion: ListInstancesAcrossregion | Unset = ListInstancesAcrossregion.FALSE,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageNo"] = page_no

    params["pageSize"] = page_size

    json_keyword_type: str | Unset = UNSET
    if not isinstance(keyword_type, Unset):
        json_keyword_type = keyword_type.value

    params["keywordType"] = json_keyword_type

    params["keyword"] = keyword

    json_acrossregion: str | Unset = UNSET
    if not isinstance(acrossregion, Unset):
        json_acrossregion = acrossregion.value

    params["acrossregion"] = json_acrossregion

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instances",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | InstancePage | None:
    if response.status_code == 200:
        response_200 = InstancePage.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = BceError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BceError | InstancePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
    keyword_type: ListInstancesKeywordType | Unset = UNSET,
    keyword: str | Unset = UNSET,
    acrossregion: ListInstancesAcrossregion | Unset = ListInstancesAcrossregion.FALSE,
) -> Response[BceError | InstancePage]:
    """List instances

     Pages through the caller's instances in the region of the host, optionally filtered by a
    keyword matched against the instance id or name (`keywordType`). With `acrossregion=true`
    the list covers every region. bce-sdk-go sends `pageNo=0`/`pageSize=0` when the caller left
    them unset; they mean the defaults (ERRATA E40). bce-sdk-go's list items carry no
    `privateURL` or `customDomains`; servers send both (ERRATA E42).

    Args:
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        keyword_type (ListInstancesKeywordType | Unset):
        keyword (str | Unset):
        acrossregion (ListInstancesAcrossregion | Unset):  Default:
            ListInstancesAcrossregion.FALSE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstancePage]
    """

    kwargs = _get_kwargs(
        page_no=page_no,
        page_size=page_size,
        keyword_type=keyword_type,
        keyword=keyword,
        acrossregion=acrossregion,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
    keyword_type: ListInstancesKeywordType | Unset = UNSET,
    keyword: str | Unset = UNSET,
    acrossregion: ListInstancesAcrossregion | Unset = ListInstancesAcrossregion.FALSE,
) -> BceError | InstancePage | None:
    """List instances

     Pages through the caller's instances in the region of the host, optionally filtered by a
    keyword matched against the instance id or name (`keywordType`). With `acrossregion=true`
    the list covers every region. bce-sdk-go sends `pageNo=0`/`pageSize=0` when the caller left
    them unset; they mean the defaults (ERRATA E40). bce-sdk-go's list items carry no
    `privateURL` or `customDomains`; servers send both (ERRATA E42).

    Args:
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        keyword_type (ListInstancesKeywordType | Unset):
        keyword (str | Unset):
        acrossregion (ListInstancesAcrossregion | Unset):  Default:
            ListInstancesAcrossregion.FALSE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstancePage
    """

    return sync_detailed(
        client=client,
        page_no=page_no,
        page_size=page_size,
        keyword_type=keyword_type,
        keyword=keyword,
        acrossregion=acrossregion,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
    keyword_type: ListInstancesKeywordType | Unset = UNSET,
    keyword: str | Unset = UNSET,
    acrossregion: ListInstancesAcrossregion | Unset = ListInstancesAcrossregion.FALSE,
) -> Response[BceError | InstancePage]:
    """List instances

     Pages through the caller's instances in the region of the host, optionally filtered by a
    keyword matched against the instance id or name (`keywordType`). With `acrossregion=true`
    the list covers every region. bce-sdk-go sends `pageNo=0`/`pageSize=0` when the caller left
    them unset; they mean the defaults (ERRATA E40). bce-sdk-go's list items carry no
    `privateURL` or `customDomains`; servers send both (ERRATA E42).

    Args:
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        keyword_type (ListInstancesKeywordType | Unset):
        keyword (str | Unset):
        acrossregion (ListInstancesAcrossregion | Unset):  Default:
            ListInstancesAcrossregion.FALSE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | InstancePage]
    """

    kwargs = _get_kwargs(
        page_no=page_no,
        page_size=page_size,
        keyword_type=keyword_type,
        keyword=keyword,
        acrossregion=acrossregion,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
    keyword_type: ListInstancesKeywordType | Unset = UNSET,
    keyword: str | Unset = UNSET,
    acrossregion: ListInstancesAcrossregion | Unset = ListInstancesAcrossregion.FALSE,
) -> BceError | InstancePage | None:
    """List instances

     Pages through the caller's instances in the region of the host, optionally filtered by a
    keyword matched against the instance id or name (`keywordType`). With `acrossregion=true`
    the list covers every region. bce-sdk-go sends `pageNo=0`/`pageSize=0` when the caller left
    them unset; they mean the defaults (ERRATA E40). bce-sdk-go's list items carry no
    `privateURL` or `customDomains`; servers send both (ERRATA E42).

    Args:
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        keyword_type (ListInstancesKeywordType | Unset):
        keyword (str | Unset):
        acrossregion (ListInstancesAcrossregion | Unset):  Default:
            ListInstancesAcrossregion.FALSE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | InstancePage
    """

    return (
        await asyncio_detailed(
            client=client,
            page_no=page_no,
            page_size=page_size,
            keyword_type=keyword_type,
            keyword=keyword,
            acrossregion=acrossregion,
        )
    ).parsed
