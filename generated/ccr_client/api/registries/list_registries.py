from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bce_error import BceError
from ...models.list_registries_keyword_type import ListRegistriesKeywordType
from ...models.registry_page import RegistryPage
from ...models.registry_type import RegistryType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    keyword: str | Unset = UNSET,
    keyword_type: ListRegistriesKeywordType | Unset = ListRegistriesKeywordType.NAME,
    type_: RegistryType | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["keyword"] = keyword

    json_keyword_type: str | Unset = UNSET
    if not isinstance(keyword_type, Unset):
        json_keyword_type = keyword_type.value

    params["keywordType"] = json_keyword_type

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["pageNo"] = page_no

    params["pageSize"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ccr/registries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BceError | RegistryPage | None:
    if response.status_code == 200:
        response_200 = RegistryPage.from_dict(response.json())

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
) -> Response[BceError | RegistryPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    keyword: str | Unset = UNSET,
    keyword_type: ListRegistriesKeywordType | Unset = ListRegistriesKeywordType.NAME,
    type_: RegistryType | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | RegistryPage]:
    """List registry authorizations

     Pages through the caller's registry authorizations, optionally filtered by a keyword
    (matched as a substring of the field named by `keywordType`) and by registry type.
    Credentials are returned without their secret: `accessSecret` is always null.

    Args:
        keyword (str | Unset):
        keyword_type (ListRegistriesKeywordType | Unset):  Default:
            ListRegistriesKeywordType.NAME.
        type_ (RegistryType | Unset): Kind of external registry.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RegistryPage]
    """

    kwargs = _get_kwargs(
        keyword=keyword,
        keyword_type=keyword_type,
        type_=type_,
        page_no=page_no,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    keyword: str | Unset = UNSET,
    keyword_type: ListRegistriesKeywordType | Unset = ListRegistriesKeywordType.NAME,
    type_: RegistryType | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | RegistryPage | None:
    """List registry authorizations

     Pages through the caller's registry authorizations, optionally filtered by a keyword
    (matched as a substring of the field named by `keywordType`) and by registry type.
    Credentials are returned without their secret: `accessSecret` is always null.

    Args:
        keyword (str | Unset):
        keyword_type (ListRegistriesKeywordType | Unset):  Default:
            ListRegistriesKeywordType.NAME.
        type_ (RegistryType | Unset): Kind of external registry.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RegistryPage
    """

    return sync_detailed(
        client=client,
        keyword=keyword,
        keyword_type=keyword_type,
        type_=type_,
        page_no=page_no,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    keyword: str | Unset = UNSET,
    keyword_type: ListRegistriesKeywordType | Unset = ListRegistriesKeywordType.NAME,
    type_: RegistryType | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[BceError | RegistryPage]:
    """List registry authorizations

     Pages through the caller's registry authorizations, optionally filtered by a keyword
    (matched as a substring of the field named by `keywordType`) and by registry type.
    Credentials are returned without their secret: `accessSecret` is always null.

    Args:
        keyword (str | Unset):
        keyword_type (ListRegistriesKeywordType | Unset):  Default:
            ListRegistriesKeywordType.NAME.
        type_ (RegistryType | Unset): Kind of external registry.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BceError | RegistryPage]
    """

    kwargs = _get_kwargs(
        keyword=keyword,
        keyword_type=keyword_type,
        type_=type_,
        page_no=page_no,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    keyword: str | Unset = UNSET,
    keyword_type: ListRegistriesKeywordType | Unset = ListRegistriesKeywordType.NAME,
    type_: RegistryType | Unset = UNSET,
    page_no: int | Unset = 1,
    page_size: int | Unset = 10,
) -> BceError | RegistryPage | None:
    """List registry authorizations

     Pages through the caller's registry authorizations, optionally filtered by a keyword
    (matched as a substring of the field named by `keywordType`) and by registry type.
    Credentials are returned without their secret: `accessSecret` is always null.

    Args:
        keyword (str | Unset):
        keyword_type (ListRegistriesKeywordType | Unset):  Default:
            ListRegistriesKeywordType.NAME.
        type_ (RegistryType | Unset): Kind of external registry.
        page_no (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BceError | RegistryPage
    """

    return (
        await asyncio_detailed(
            client=client,
            keyword=keyword,
            keyword_type=keyword_type,
            type_=type_,
            page_no=page_no,
            page_size=page_size,
        )
    ).parsed
