from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PasswordResetRequest")


@_attrs_define
class PasswordResetRequest:
    """The new fixed login password.

    Attributes:
        password (str): 8 to 20 characters with at least one upper-case letter, one lower-case letter and one
            digit; besides letters and digits only `!@#$%^*()` are allowed. Never returned.
    """

    password: str

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password = d.pop("password")

        password_reset_request = cls(
            password=password,
        )

        return password_reset_request
