"""``python -m wirewatch``: the same as the ``wirewatch`` command."""

from wirewatch.cli import main

main()
