"""Redis as a cache that fails soft: when Redis is down or hung, pages still render.

Everything we keep in the cache can be recomputed (rendered pages, fragments, counters waiting
for a flush, rate-limit windows), so an unreachable Redis must cost speed, never a page. Every
operation is bounded by the short socket timeouts set in settings (CACHES OPTIONS), and after a
failure Redis is left alone for REDIS_RETRY_SECONDS, so a hung server costs one timeout per
process and pause, not one per cache call.

What a failure returns, and why:
- reads (get, get_many, has_key) answer "not cached": the page is rendered from the database;
- writes (set, delete, touch, clear) are dropped: the value is recomputed next time;
- `add` answers True and `incr` answers 1: a rate-limit window starts afresh, so rate limits
  FAIL OPEN while Redis is away (the product's choice: readers keep commenting and logging in;
  the standards review, idempotency keys, CSRF, the captcha and Argon2 still stand). See
  SECURITY.md, "Decisions".

Code that talks to Redis directly (the view counter) asks `available()` first and reports a
failure with `mark_down()`, so it shares the same pause.

It is also Django's Redis cache minus the cost of building a client object for every operation:
Django's `RedisCacheClient.get_client` creates a new `redis.Redis` per call, and each copies
redis-py's table of ~170 response callbacks (a fifth of the time of serving a cached page). A
`redis.Redis` is thread-safe (each command borrows a connection from the pool, which also
notices a fork), so one per pool is kept and reused.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient


class FailSoftRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def mark_down(self, error: BaseException) -> None:
        self._down_until = time.monotonic() + self.retry_seconds
        log.warning(
            "Redis cache unavailable (%s: %s); serving without it for %ss",
            type(error).__name__,
            error,
            self.retry_seconds,
        )

    def _call(self, name: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.available():
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except FAILURES as error:
            self.mark_down(error)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._call("get", default, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        return self._call("get_many", {}, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call("has_key", False, key, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._call("set", None, key, value, timeout, version)

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._call("set_many", [], data, timeout, version)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._call("add", True, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call("touch", False, key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call("delete", False, key, version)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._call("delete_many", None, keys, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._call("incr", delta, key, delta, version)

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._call("decr", -delta, key, delta, version)

    def clear(self) -> None:
        self._call("clear", None)


# --- Talking to Redis directly ----------------------------------------------------------------
# A few hot paths (a comment being posted, a page view) need what the cache API cannot say in one
# round trip: "increment and set the expiry", "keep the larger value", "append to a list". They
# use the default cache's own Redis client, under its key prefix and its fail-soft pause.


def direct_client() -> Any | None:
    """The default cache's Redis client, or None when the cache is not Redis or is paused."""
    from django.core.cache import caches

    backend = caches["default"]
    if not isinstance(backend, FailSoftRedisCache) or not backend.available():
        return None
    return backend._cache.get_client(write=True)


def direct_failed(error: BaseException) -> None:
    """Start the same pause as a failed cache call."""
    from django.core.cache import caches

    backend = caches["default"]
    if isinstance(backend, FailSoftRedisCache):
        backend.mark_down(error)


def count_in_window(name: str, seconds: int) -> int:
    """How many times `name` was counted in the current window of `seconds`, this one included.

    Windows are aligned to the clock. On Redis one round trip (INCR and EXPIRE NX); when the
    cache is unreachable the count starts afresh (rate limits fail open, see above).
    """
    from django.core.cache import cache

    key = f"{name}:{int(time.time()) // seconds}"
    client = direct_client()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            full_key = cache.make_key(key)
            pipe.incr(full_key)
            pipe.expire(full_key, seconds + 1, nx=True)
            return int(pipe.execute()[0])
        except FAILURES as error:
            direct_failed(error)
            return 1
    if cache.add(key, 1, seconds + 1):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        return 1


_SET_MAX = """
local current = tonumber(redis.call('GET', KEYS[1]))
local value = tonumber(ARGV[1])
if current == nil or value > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return value
end
return current
"""

_scripts: dict[tuple[int, str], Any] = {}
_batch = threading.local()


def _script(client: Any, source: str) -> Any:
    found = _scripts.get((id(client), source))
    if found is None:
        found = _scripts[(id(client), source)] = client.register_script(source)
    return found


def _run_script(client: Any, source: str, keys: list[str], args: list[Any]) -> None:
    """Run a script now, or add it to the batch `one_round_trip` is collecting."""
    calls = getattr(_batch, "calls", None)
    if calls is not None:
        calls.append((source, keys, args))
        return
    _script(client, source)(keys=keys, args=args)


@contextmanager
def one_round_trip() -> Iterator[None]:
    """The direct Redis writes made inside (`set_max`, `bump_versions`) go out together at the
    end, in one pipeline: what follows a published comment (its article's pages invalidated,
    its id announced to open pages) is two scripts, and each round trip costs more CPU than
    Redis takes to run them. Failures are handled as each call alone would: logged, and Redis
    left alone for a while."""
    calls: list[tuple[str, list[str], list[Any]]] = []
    _batch.calls = calls
    try:
        yield
    finally:
        _batch.calls = None
    client = direct_client()
    if not calls or client is None:
        return
    scripts = [_script(client, source) for source, _keys, _args in calls]
    try:
        for attempt in range(2):
            # EVALSHA straight into the pipeline: redis-py's own script support would first
            # ask SCRIPT EXISTS, a round trip of its own, on every execute.
            pipe = client.pipeline(transaction=False)
            for script, (_source, keys, args) in zip(scripts, calls, strict=True):
                pipe.evalsha(script.sha, len(keys), *keys, *args)
            try:
                pipe.execute()
                return
            except NoScriptError:
                if attempt:
                    raise
                # Redis restarted and forgot the scripts: load them and send the batch again.
                # A script that ran the first time runs twice, which is harmless for these:
                # a version moves one more step, a maximum is set again.
                for script in scripts:
                    script.sha = client.script_load(script.script)
    except FAILURES as error:
        direct_failed(error)


def set_max(key: str, value: int) -> None:
    """Store `value` under `key` unless a larger number is there already (never expires).

    Atomic on Redis (a script, one round trip), so two processes announcing at once cannot move
    the number backwards; elsewhere a read and a write, as good as the cache allows.
    """
    from django.core.cache import cache

    client = direct_client()
    if client is not None:
        try:
            # EVALSHA, the script loaded on first use
            _run_script(client, _SET_MAX, [cache.make_key(key)], [int(value)])
            return
        except FAILURES as error:
            direct_failed(error)
            return
    current = cache.get(key)
    if current is None or value > int(current):
        cache.set(key, value, timeout=None)


_BUMP = """
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('INCR', key)
  else
    redis.call('SET', key, 2)
  end
end
return #KEYS
"""


def bump_versions(names: Iterable[str]) -> bool:
    """Move each version number up by one (a missing one, read as 1, becomes 2) in one round
    trip. False when the cache is not Redis or is paused: the caller uses the cache API."""
    from django.core.cache import cache

    client = direct_client()
    if client is None:
        return False
    try:
        _run_script(client, _BUMP, [cache.make_key(name) for name in names], [])
    except FAILURES as error:
        direct_failed(error)
    return True
