"""Where the engine remembers recent comments for the flooding and flash-mob checks.

The engine takes a store as a parameter so it stays pure: tests pass a :class:`MemoryStore`,
the site passes a :class:`CacheStore` over Django's cache, which is Redis in production so
that every web process sees the same recent comments.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, Protocol

# A bucket never grows past this: a flood of thousands only needs to be seen as "many".
MAX_ITEMS = 200


class Store(Protocol):
    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        """Per key, items appended at or after ``since`` (a POSIX timestamp), oldest first."""
        ...

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        """Append one item to each key; items older than ``ttl`` seconds may be dropped."""
        ...


class MemoryStore:
    """An in-process store: for tests, batch scoring and single-process demos."""

    def __init__(self) -> None:
        self._items: dict[str, list[tuple[float, Any]]] = defaultdict(list)
        self._lock = threading.Lock()

    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        with self._lock:
            return {
                key: [item for at, item in self._items.get(key, ()) if at >= since] for key in keys
            }

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        with self._lock:
            for key, item in items.items():
                bucket = [(t, i) for t, i in self._items[key] if t >= at - ttl]
                bucket.append((at, item))
                self._items[key] = bucket[-MAX_ITEMS:]


class NullStore:
    """Remembers nothing: reviewing a text in isolation (audits, the batch command)."""

    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        return {key: [] for key in keys}

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        return None


class CacheStore:
    """A store over ``django.core.cache``.

    The cache API has no atomic list append, so two processes appending to the same key at
    the same instant can lose one item. That is acceptable here: the checks count "many",
    and one lost comment of a flood or a campaign does not change the outcome.
    """

    def __init__(self, prefix: str = "standards:recent:") -> None:
        self.prefix = prefix

    # One round trip to Redis for all keys of a review, both ways: a flash-mob lookup reads
    # sixteen band keys and must not cost sixteen network calls.
    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        from django.core.cache import cache

        found = cache.get_many([self.prefix + key for key in keys])
        return {
            key: [item for at, item in found.get(self.prefix + key, ()) if at >= since]
            for key in keys
        }

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        from django.core.cache import cache

        keys = [self.prefix + key for key in items]
        found = cache.get_many(keys)
        updated = {}
        for key, item in items.items():
            full_key = self.prefix + key
            bucket = [(t, i) for t, i in found.get(full_key, ()) if t >= at - ttl]
            bucket.append((at, item))
            updated[full_key] = bucket[-MAX_ITEMS:]
        cache.set_many(updated, timeout=ttl)
