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
    """Per key, a bucket of distinct items with the time each was last appended.

    Appending an item the bucket already holds moves it to the new time: the flash-mob check
    asks "which accounts posted this lately", not how often each did, and the flooding check's
    items carry their own timestamp, so they never repeat.
    """

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
                bucket = [(t, i) for t, i in self._items[key] if t >= at - ttl and i != item]
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
            bucket = [(t, i) for t, i in found.get(full_key, ()) if t >= at - ttl and i != item]
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
            bucket = [(t, i) for t, i in stored if t >= at - ttl and i != item]
            bucket.append((at, item))
            updated[full_key] = bucket[-MAX_ITEMS:]
        cache.set_many(updated, timeout=ttl)
        return recent


class RedisStore:
    """A store over Redis sorted sets: one command per review, appends that never lose an item.

    Each key is a sorted set of JSON-encoded items scored by the time they were appended, cut to
    the newest ``MAX_ITEMS`` and expiring ``ttl`` after the last append. Redis filters by time
    and keeps items distinct, so a review reads only what its checks use: with lists, a busy
    flash-mob band sent back all 64 entries, each decoded in Python, on every post. Items must
    be JSON values (the checks store author ids and fingerprints). The client, the key naming
    and what to do when Redis fails come from the caller, so the engine imports nothing of the
    site. Its keys are not :class:`CacheStore`'s (a set is not a pickled value), so the two can
    meet in one Redis; the prefix is not the one the earlier list-based store used, whose keys
    would answer a set command with WRONGTYPE until they expire.
    """

    def __init__(
        self,
        client: Any,
        make_key: Callable[[str], str],
        on_failure: Callable[[BaseException], None],
        failures: tuple[type[BaseException], ...],
        prefix: str = "standards:sets:",
    ) -> None:
        self.client = client
        self.make_key = make_key
        self.on_failure = on_failure
        self.failures = failures
        self.prefix = prefix
        self._script: Any = None

    def _key(self, key: str) -> str:
        return self.make_key(self.prefix + key)

    @staticmethod
    def _decode(keys: list[str], found: list[list[bytes]]) -> dict[str, list[Any]]:
        # One parse for every bucket of the review: a json.loads per entry, or even per bucket,
        # cost more than Redis took to answer.
        if not keys:
            return {}
        text = b"[[" + b"],[".join(b",".join(raw) for raw in found) + b"]]"
        buckets = json.loads(text)
        return {
            key: [tuple(item) if isinstance(item, list) else item for item in bucket]
            for key, bucket in zip(keys, buckets, strict=True)
        }

    def _call(self, items: dict[str, Any], since: float | None, at: float, ttl: int) -> Any:
        if self._script is None:
            self._script = self.client.register_script(_EXCHANGE)
        # The earliest time a read wants; "+inf" when only appending (nothing is read back).
        low = "+inf" if since is None else repr(since)
        return self._script(
            keys=[self._key(key) for key in items],
            args=[ttl, MAX_ITEMS, repr(at), low, *(json.dumps(item) for item in items.values())],
        )

    def recent(self, keys: list[str], since: float) -> dict[str, list[Any]]:
        try:
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.zrangebyscore(self._key(key), since, "+inf")
            found = pipe.execute()
        except self.failures as error:
            # Fail open, like every rate limit here: a review without memory still reviews.
            self.on_failure(error)
            return {key: [] for key in keys}
        return self._decode(keys, found)

    def append(self, items: dict[str, Any], at: float, ttl: int) -> None:
        try:
            self._call(items, None, at, ttl)
        except self.failures as error:
            self.on_failure(error)

    def exchange(
        self, items: dict[str, Any], since: float, at: float, ttl: int
    ) -> dict[str, list[Any]]:
        try:
            # One command for all buckets: a pipeline of sixteen reads and sixty-four writes
            # cost more to pack and parse in Python than Redis takes to run the script.
            found = self._call(items, since, at, ttl)
        except self.failures as error:
            self.on_failure(error)
            return {key: [] for key in items}
        return self._decode(list(items), found)


# KEYS: the buckets; ARGV: ttl, the bucket size, the time now, the earliest time to read back,
# then one new item per bucket. Each bucket is read before its item is added, as
# Store.exchange promises; entries older than the ttl and beyond the size are dropped.
_EXCHANGE = """
local ttl, size, now, since = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
local out = {}
for i, key in ipairs(KEYS) do
  out[i] = redis.call('ZRANGEBYSCORE', key, since, '+inf')
  redis.call('ZADD', key, now, ARGV[i + 4])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (tonumber(now) - ttl))
  redis.call('ZREMRANGEBYRANK', key, 0, -size - 1)
  redis.call('EXPIRE', key, ttl)
end
return out
"""
