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
    def recent(self, key: str, since: float) -> list[Any]:
        """Items appended to ``key`` at or after ``since`` (a POSIX timestamp), oldest first."""
        ...

    def append(self, key: str, item: Any, at: float, ttl: int) -> None: ...


class MemoryStore:
    """An in-process store: for tests, batch scoring and single-process demos."""

    def __init__(self) -> None:
        self._items: dict[str, list[tuple[float, Any]]] = defaultdict(list)
        self._lock = threading.Lock()

    def recent(self, key: str, since: float) -> list[Any]:
        with self._lock:
            return [item for at, item in self._items.get(key, ()) if at >= since]

    def append(self, key: str, item: Any, at: float, ttl: int) -> None:
        with self._lock:
            bucket = [(t, i) for t, i in self._items[key] if t >= at - ttl]
            bucket.append((at, item))
            self._items[key] = bucket[-MAX_ITEMS:]


class NullStore:
    """Remembers nothing: reviewing a text in isolation (audits, the batch command)."""

    def recent(self, key: str, since: float) -> list[Any]:
        return []

    def append(self, key: str, item: Any, at: float, ttl: int) -> None:
        return None


class CacheStore:
    """A store over ``django.core.cache``.

    The cache API has no atomic list append, so two processes appending to the same key at
    the same instant can lose one item. That is acceptable here: the checks count "many",
    and one lost comment of a flood or a campaign does not change the outcome.
    """

    def __init__(self, prefix: str = "standards:recent:") -> None:
        self.prefix = prefix

    def recent(self, key: str, since: float) -> list[Any]:
        from django.core.cache import cache

        bucket = cache.get(self.prefix + key) or []
        return [item for at, item in bucket if at >= since]

    def append(self, key: str, item: Any, at: float, ttl: int) -> None:
        from django.core.cache import cache

        full_key = self.prefix + key
        bucket = [(t, i) for t, i in (cache.get(full_key) or []) if t >= at - ttl]
        bucket.append((at, item))
        cache.set(full_key, bucket[-MAX_ITEMS:], timeout=ttl)
