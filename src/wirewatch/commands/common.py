"""What every stage's commands share: the store from the settings, JSON lines, clipped text."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from wirewatch.settings import Settings
from wirewatch.store import Store, StoreError, open_store


@contextmanager
def cli_store(ctx: click.Context) -> Iterator[Store]:
    """The store named by the settings (``--store`` / ``WIREWATCH_STORE``); a store that cannot be
    opened is a clear error, not a traceback."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
    try:
        store = open_store(settings.store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        yield store


def emit_json(obj: Any) -> None:
    """One compact JSON object on its own line of standard output."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")


def clip(text: str, width: int) -> str:
    """The text on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"
