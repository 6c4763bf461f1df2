#!/usr/bin/env bash
# The test command: install (pinned, idempotent), then lint, type-check and run every test,
# including the evaluation floors when ../shared is present.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
.venv/bin/ruff check src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
