from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RobotSecretRequest")


@_attrs_define
class RobotSecretRequest:
    """The new secret, or nothing to let the server generate one.

    Attributes:
        secret (str | Unset): The new secret; the server generates one when it is left out. Same rule as at creation:
            8 to 65 characters with upper-case and lower-case letters and at least one digit or
            special character among `!@#$%^*()`. Never returned as sent: the answer carries it once.
    """

    secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        secret = d.pop("secret", UNSET)

        robot_secret_request = cls(
            secret=secret,
        )

        return robot_secret_request
