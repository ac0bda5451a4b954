from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.public_network_update_action import PublicNetworkUpdateAction

T = TypeVar("T", bound="PublicNetworkUpdate")


@_attrs_define
class PublicNetworkUpdate:
    """Whether to open or close the public endpoint.

    Attributes:
        action (PublicNetworkUpdateAction): `open` opens the public endpoint, `close` closes it.
    """

    action: PublicNetworkUpdateAction

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = PublicNetworkUpdateAction(d.pop("action"))

        public_network_update = cls(
            action=action,
        )

        return public_network_update
