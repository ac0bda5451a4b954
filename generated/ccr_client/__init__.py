"""A client library for accessing Baidu AI Cloud CCR — Personal Edition Image Migration API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
