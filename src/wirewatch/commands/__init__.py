"""Command-line faces of the stages; ``wirewatch.cli`` collects each module's ``COMMANDS``."""
