"""Declaring a notifier's settings once: name, default, help, environment.

Each notifier has its own frozen settings dataclass whose fields are declared
with :func:`setting`; :func:`from_env` fills one from ``WIREWATCH_<NAME>``
variables and :func:`describe` lists them for ``--help`` and the docs, the
same way :mod:`wirewatch.settings` does for the core settings. Nothing is
read at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import MISSING, field, fields, is_dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def setting(default: Any, help: str, *, secret: bool = False) -> Any:
    """A settings field; ``secret`` keeps the value out of ``repr`` and :func:`describe`."""
    return field(default=default, repr=not secret, metadata={"help": help, "secret": secret})


def env_name(name: str) -> str:
    return f"WIREWATCH_{name.upper()}"


def from_env(cls: type[T], env: Mapping[str, str] | None = None, **overrides: Any) -> T:
    """Defaults, then ``WIREWATCH_*`` variables, then explicit overrides (None ignored)."""
    if not is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a settings dataclass")
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for f in fields(cls):
        raw = env.get(env_name(f.name))
        if raw is not None:
            values[f.name] = parse(f.name, raw, f.default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(cls(), **values)


def parse(name: str, raw: str, default: Any) -> Any:
    """One environment value, typed like the field's default."""
    var = env_name(name)
    text = raw.strip()
    if isinstance(default, bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(f"{var}={raw!r} is not a boolean: use 1/0, true/false, yes/no")
    if isinstance(default, int):
        try:
            return int(text.replace("_", ""))
        except ValueError:
            raise ValueError(f"{var}={raw!r} is not a whole number") from None
    if isinstance(default, float):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            raise ValueError(f"{var}={raw!r} is not a number (seconds may have decimals: 2.5)") from None
    return raw


def describe(cls: type[Any]) -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every field; secrets show no default."""
    rows = []
    for f in fields(cls):
        default = "" if f.default is MISSING else f.default
        shown = "(secret)" if f.metadata.get("secret") else repr(default)
        rows.append((env_name(f.name), shown, str(f.metadata.get("help", ""))))
    return rows
