"""The conformance command's config file: every command-line flag, read from TOML.

Where (the first that applies, never merged):

1. ``--config FILE``: that file; its keys at the top level, or under ``[tool.ccr-contract]``.
2. ``./ccr-contract.toml``: keys at the top level (or under ``[tool.ccr-contract]``).
3. ``./pyproject.toml``: the ``[tool.ccr-contract]`` table, when it has one.

Keys are the long flag names without the dashes (``base-url``, ``max-examples``,
``include-operation-id``; ``base_url`` is accepted too).  Repeatable flags take a list (or one
string); ``checks`` takes a string or a list.  Relative paths (``report``, ``spec``) are relative to
the config file's folder.  Precedence: a flag on the command line wins over the environment
(``CCR_AK``, ``CCR_SK``), which wins over the config file, which wins over the built-in defaults.
An unknown key, a value of the wrong type or a file that is not valid TOML is a one-line usage error
naming the file and the key.

Secrets: no key is read as a secret except ``sk``, and ``sk`` is refused in ``pyproject.toml`` (a file
that is committed).  In ``ccr-contract.toml`` or a ``--config`` file it is accepted with a one-line
warning that the secret key sits in a plain-text file (and, when the file is readable by other users,
saying so); ``CCR_SK`` is the recommended way.  A ``base-url`` carrying a password is refused.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONFIG_FILE = "ccr-contract.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "ccr-contract")
#: Flags that make no sense in a config file.
NOT_CONFIGURABLE = frozenset({"help", "config", "list"})
#: Keys whose values are paths, resolved against the config file's folder.
PATH_KEYS = frozenset({"report", "spec"})
SECRET_KEYS = frozenset({"sk"})


class ConfigError(ValueError):
    """The config file cannot be used (one line, a usage error)."""


@dataclass(frozen=True)
class Option:
    key: str  # the flag without its dashes: ``max-examples``
    dest: str  # the argparse destination: ``max_examples``
    kind: str  # "bool", "int", "float", "str" or "list"


@dataclass
class LoadedConfig:
    #: The file read, or None when there is none.
    path: Path | None = None
    #: ``pyproject.toml [tool.ccr-contract]`` or the file name, for messages.
    origin: str = ""
    #: dest -> typed value.
    values: dict[str, Any] = field(default_factory=dict)
    #: One-line warnings to print (plain-text secret).
    warnings: list[str] = field(default_factory=list)


def options_from_parser(parser: argparse.ArgumentParser) -> dict[str, Option]:
    """Every long flag of ``parser`` as a config key (positionals, ``--help``, ``--config`` and
    ``--list`` excluded)."""
    options: dict[str, Option] = {}
    for action in parser._actions:
        longs = [s for s in action.option_strings if s.startswith("--")]
        if not longs:
            continue
        key = longs[0][2:]
        if key in NOT_CONFIGURABLE:
            continue
        if isinstance(action, argparse._StoreTrueAction | argparse._StoreFalseAction):
            kind = "bool"
        elif isinstance(action, argparse._AppendAction):
            kind = "list"
        elif action.type is int:
            kind = "int"
        elif action.type is float:
            kind = "float"
        else:
            kind = "str"
        options[key] = Option(key, action.dest, kind)
    return options


def find(explicit: str | Path | None, cwd: Path | None = None) -> tuple[Path, str, dict[str, Any]] | None:
    """``(path, origin, table)`` of the config to use, or None."""
    cwd = cwd or Path.cwd()
    if explicit is not None:
        path = Path(explicit)
        data = _read(path, f"--config {path}")
        return path, str(path), _table(data, path) if _has_table(data) else data
    local = cwd / CONFIG_FILE
    if local.is_file():
        data = _read(local, CONFIG_FILE)
        return local, CONFIG_FILE, _table(data, local) if _has_table(data) else data
    pyproject = cwd / PYPROJECT
    if pyproject.is_file():
        data = _read(pyproject, PYPROJECT)
        if _has_table(data):
            return pyproject, f"{PYPROJECT} [tool.ccr-contract]", _table(data, pyproject)
    return None


def load(explicit: str | Path | None, options: dict[str, Option], cwd: Path | None = None) -> LoadedConfig:
    """Read and check the config; raise :class:`ConfigError` for anything wrong with it."""
    found = find(explicit, cwd)
    if found is None:
        return LoadedConfig()
    path, origin, table = found
    loaded = LoadedConfig(path=path, origin=origin)
    for raw_key, value in table.items():
        key = str(raw_key).replace("_", "-")
        if key in NOT_CONFIGURABLE:
            raise ConfigError(f"{origin}: key {raw_key!r} cannot be set in a config file")
        option = options.get(key)
        if option is None:
            raise ConfigError(f"{origin}: unknown key {raw_key!r}{_close(key, options)}")
        typed = _typed(origin, raw_key, option, value)
        if key in PATH_KEYS:
            typed = str((path.parent / typed) if not Path(typed).is_absolute() else Path(typed))
        if key in SECRET_KEYS:
            if path.name == PYPROJECT:
                raise ConfigError(
                    f"{origin}: key {raw_key!r} holds the secret key in a file that is committed; "
                    "use CCR_SK (or ccr-contract.toml, kept out of version control)"
                )
            loaded.warnings.append(_plain_text_warning(path, raw_key))
        if key == "header":
            _check_headers(path, origin, raw_key, typed, loaded)
        if key == "base-url" and urlsplit(typed).password:
            raise ConfigError(f"{origin}: key {raw_key!r} carries a password; put no secrets in a config file")
        loaded.values[option.dest] = typed
    return loaded


def merge(args: argparse.Namespace, loaded: LoadedConfig, defaults: dict[str, Any]) -> None:
    """Fill every flag the command line did not give (``None``) from the config, then from ``defaults``."""
    for dest, value in loaded.values.items():
        if getattr(args, dest, None) is None:
            setattr(args, dest, value)
    for dest, value in defaults.items():
        if getattr(args, dest, None) is None:
            setattr(args, dest, value)


def _read(path: Path, origin: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{origin}: file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{origin}: is a folder, not a file") from None
    except OSError as exc:
        raise ConfigError(f"{origin}: cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML ({exc})".replace("\n", " ")) from None


def _has_table(data: dict[str, Any]) -> bool:
    return isinstance(data.get(TABLE[0]), dict) and TABLE[1] in data[TABLE[0]]


def _table(data: dict[str, Any], path: Path) -> dict[str, Any]:
    table = data[TABLE[0]][TABLE[1]]
    if not isinstance(table, dict):
        raise ConfigError(f"{path.name}: [tool.ccr-contract] is not a table")
    return table


def _typed(origin: str, key: str, option: Option, value: Any) -> Any:
    def wrong(expected: str) -> ConfigError:
        return ConfigError(f"{origin}: key {key!r} must be {expected}, not {type(value).__name__} {value!r}")

    if option.kind == "bool":
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if option.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("an integer")
        return value
    if option.kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong("a number")
        return float(value)
    if option.kind == "list":
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong("a string or a list of strings")
        return list(value)
    if option.key == "checks" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    if isinstance(value, int) and not isinstance(value, bool):  # seed = 0
        return str(value)
    if not isinstance(value, str):
        raise wrong("a string")
    return value


def _check_headers(path: Path, origin: str, key: str, values: list[str], loaded: LoadedConfig) -> None:
    """A ``header`` whose name looks secret (``X-Api-Key: ...``) is a secret in a file: refused in
    ``pyproject.toml``, warned about elsewhere, exactly like ``sk``."""
    from ccr_conformance.target import looks_secret

    for value in values:
        name = value.partition(":")[0].strip()
        if not looks_secret(name):
            continue
        if path.name == PYPROJECT:
            raise ConfigError(
                f"{origin}: key {key!r} sets {name}, which looks secret, in a file that is committed; "
                "give it with -H on the command line"
            )
        loaded.warnings.append(_plain_text_warning(path, key, f"a secret-looking header ({name})", "-H"))


def _plain_text_warning(path: Path, key: str, what: str = "the secret key", instead: str = "CCR_SK") -> str:
    message = f"warning: {what} ({key!r}) is read from the plain-text file {path}"
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            message += ", which other users can read (chmod 600 it)"
    except OSError:
        pass
    return message + f"; prefer {instead}"


def _close(key: str, options: dict[str, Option]) -> str:
    import difflib

    match = difflib.get_close_matches(key, sorted(options), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""
