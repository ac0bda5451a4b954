"""Behaviours of access credentials: the instance password, temporary passwords, robot secrets.

Why hand code: these are secrets with rules of their own.  The instance password is stored only
as a salted hash and never returned; a temporary password is generated and returned once; a
robot's secret is generated when the client sends none, returned by create and by refresh only
(the spec's robot schema has no ``secret``, and the engine reveals a resource's declared
``secrets`` only in a create answer), and the robot's name is stored with the ``ccr$`` prefix the spec declares.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from typing import Any

from ccr_contract.resource_model import Resource, properties
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.server.errors import bad_request
from ccr_contract.spec import Operation, resolve_ref

_SPECIALS = "!@#$%^*()"


def new_secret(length: int = 16) -> str:
    """A random secret with upper, lower, digit and special characters (every rule of the spec)."""
    pool = string.ascii_letters + string.digits + _SPECIALS
    while True:
        value = "".join(secrets.choice(pool) for _ in range(length))
        if (
            any(c.isupper() for c in value)
            and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)
            and any(c in _SPECIALS for c in value)
        ):
            return value


def _hash(password: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000).hex()


async def password_reset(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    salt = secrets.token_bytes(16)
    record = {"passwordHash": _hash(str((call.body or {})["password"]), salt), "salt": salt.hex()}
    with engine.items.write():
        engine.update_item(found, record)
    return engine.answer(op, {})


async def temporary_password(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    engine.locate(res, call.params)  # 404 for an unknown instance
    # ``password`` is writeOnly elsewhere (ResetPassword), so it must be revealed by name here.
    return engine.answer(op, {"password": new_secret(20)}, reveal=("password",))


def prepare_robot(engine: Engine, res: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """At create: a secret when none was sent, the expiry from ``duration`` days (the ``ccr$`` name
    prefix is declared in the spec: ``x-bce-resources.robots.prefixes``)."""
    out = dict(data)
    if not out.get("secret"):
        out["secret"] = new_secret()
    days = int(out.get("duration", -1))
    out["expiresAt"] = -1 if days < 0 else int(engine.clock()) + days * 86400
    # The latest expiry the answer may carry (ERRATA E85: baiducloud-go-sdk reads an int32).
    latest = resolve_ref(engine.spec, properties(engine.spec, res.item_schema).get("expiresAt") or {}).get("maximum")
    if latest is not None and out["expiresAt"] > latest:
        raise bad_request(f"duration {days} days ends after the latest expiry an answer can carry ({latest})")
    return out


async def robot_secret(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """RefreshRobotAccountKey: the sent secret, or a new one, replaces the old; answered once."""
    found = engine.locate(res, call.params)
    value = (call.body or {}).get("secret") or new_secret()
    with engine.items.write():
        engine.update_item(found, {"secret": value})
    return engine.answer(op, {"secret": value}, reveal=res.secret_fields)


RECORDS = (
    Behaviour("password-reset", password_reset),
    Behaviour("temporary-password", temporary_password),
    Behaviour("robot-secret", robot_secret, prepares=prepare_robot),
)
