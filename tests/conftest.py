"""Shared fixtures: the named cast of users and the test environment's services."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (Redis on the PostgreSQL run, local memory else)."""
    cache.clear()
    yield
    cache.clear()
