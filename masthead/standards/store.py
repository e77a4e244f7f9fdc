"""Where the engine remembers recent comments for the flooding and flash-mob checks.

The engine takes a store as a parameter so it stays pure: tests pass a :class:`MemoryStore`,
the site passes a :class:`CacheStore` over Django's cache, which is Redis in production so
that every web process sees the same recent comments.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any, Protocol

# A bucket never grows past this: a flood of thousands only needs to be seen as "many". The
# largest count a check needs is the flooding check's hourly limit (40) plus one; every score
# saturates well before 64. Each post reads its buckets, so this bounds what a review reads.
MAX_ITEMS = 64


class Store(Protocol):
    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        """Per key, items appended at or after ``since`` (a POSIX timestamp), oldest first."""
        ...

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        """Append one item to each key; items older than ``ttl`` seconds may be dropped."""
        ...

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        """``recent(list(items), since)`` then ``append(items, at, ttl)``: what a check does
        with the comment it reviews, in one step (one round trip where the store is remote)."""
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

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        found = self.recent(list(items), since)
        self.append(items, at, ttl)
        return found


class NullStore:
    """Remembers nothing: reviewing a text in isolation (audits, the batch command)."""

    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        return {key: [] for key in keys}

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        return None

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        return {key: [] for key in items}


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

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        from django.core.cache import cache

        keys = [self.prefix + key for key in items]
        found = cache.get_many(keys)
        recent: dict[str, list[Any]] = {}
        updated = {}
        for key, item in items.items():
            full_key = self.prefix + key
            stored = found.get(full_key, ())
            recent[key] = [old for t, old in stored if t >= since]
            bucket = [(t, i) for t, i in stored if t >= at - ttl]
            bucket.append((at, item))
            updated[full_key] = bucket[-MAX_ITEMS:]
        cache.set_many(updated, timeout=ttl)
        return recent


class RedisStore:
    """A store over Redis lists: one pipeline per review step, appends that never lose an item.

    Each key is a list of JSON ``[at, item]`` pairs, trimmed to ``MAX_ITEMS`` and expiring
    ``ttl`` after the last append; reads filter by time. Items must be JSON values (the checks
    store author ids and fingerprints). The client, the key naming and what to do when Redis
    fails come from the caller, so the engine imports nothing of the site. Its keys are not
    :class:`CacheStore`'s (a list is not a pickled value), so the two can meet in one Redis.
    """

    def __init__(
        self,
        client: Any,
        make_key: Callable[[str], str],
        on_failure: Callable[[BaseException], None],
        failures: tuple[type[BaseException], ...],
        prefix: str = "standards:lists:",
    ) -> None:
        self.client = client
        self.make_key = make_key
        self.on_failure = on_failure
        self.failures = failures
        self.prefix = prefix
        self._script: Any = None

    def _key(self, key: str) -> str:
        return self.make_key(self.prefix + key)

    def _run(self, build: Callable[[Any], None]) -> list[Any] | None:
        try:
            pipe = self.client.pipeline(transaction=False)
            build(pipe)
            return list(pipe.execute())
        except self.failures as error:
            # Fail open, like every rate limit here: a review without memory still reviews.
            self.on_failure(error)
            return None

    @staticmethod
    def _decode(raw: list[Any], since: float) -> list[Any]:
        if not raw:
            return []
        # One parse for the whole bucket: a call of json.loads per entry cost more than Redis.
        entries = json.loads(b"[" + b",".join(raw) + b"]")
        return [
            tuple(item) if isinstance(item, list) else item for at, item in entries if at >= since
        ]

    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        def build(pipe: Any) -> None:
            for key in keys:
                pipe.lrange(self._key(key), 0, -1)

        results = self._run(build)
        if results is None:
            return {key: [] for key in keys}
        return {key: self._decode(raw, since) for key, raw in zip(keys, results, strict=True)}

    def _append_to(self, pipe: Any, items: dict[str, Any], at: float, ttl: int) -> None:
        for key, item in items.items():
            full_key = self._key(key)
            pipe.rpush(full_key, json.dumps([at, item]))
            pipe.ltrim(full_key, -MAX_ITEMS, -1)
            pipe.expire(full_key, ttl)

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        self._run(lambda pipe: self._append_to(pipe, items, at, ttl))

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        keys = list(items)
        if self._script is None:
            self._script = self.client.register_script(_EXCHANGE)
        try:
            # One command for all buckets: a pipeline of sixteen reads and forty-eight writes
            # cost more to pack and parse in Python than Redis takes to run the script.
            found = self._script(
                keys=[self._key(key) for key in keys],
                args=[ttl, MAX_ITEMS, *(json.dumps([at, item]) for item in items.values())],
            )
        except self.failures as error:
            self.on_failure(error)
            return {key: [] for key in keys}
        return {key: self._decode(raw, since) for key, raw in zip(keys, found, strict=True)}


# KEYS: the buckets; ARGV: ttl, the bucket size, then one new entry per bucket. Each bucket is
# read before its entry is appended, as Store.exchange promises.
_EXCHANGE = """
local size = tonumber(ARGV[2])
local out = {}
for i, key in ipairs(KEYS) do
  out[i] = redis.call('LRANGE', key, -size, -1)
  redis.call('RPUSH', key, ARGV[i + 2])
  redis.call('LTRIM', key, -size, -1)
  redis.call('EXPIRE', key, ARGV[1])
end
return out
"""
