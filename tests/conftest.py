"""Fixtures shared by several test files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from test_web_sources_fetch import FakeClock, LoopbackServer


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A real HTTP server on loopback whose replies each test scripts."""
    srv = LoopbackServer()
    yield srv
    srv.close()


@pytest.fixture
def clock() -> FakeClock:
    """A clock and sleep that tests advance by hand (rate limits, backoff)."""
    return FakeClock()
