"""The hot paths' direct Redis calls: counting in a window, keeping the larger number.

Each is tested on a real Redis, on the local-memory cache of a single process, and with Redis
gone (it must fail soft, like every cache call).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from masthead.core.cache import count_in_window, direct_client, set_max
from tests.faults.test_redis_outage import _free_port, _redis_cache


@pytest.fixture(params=["redis", "local memory"])
def any_cache(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
        assert direct_client() is not None
    else:
        settings = request.getfixturevalue("settings")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        assert direct_client() is None  # the local-memory cache has no Redis client
    return request.param


def test_count_in_window_counts_each_hit_and_expires_with_its_window(any_cache):
    assert [count_in_window("test:hits:reader-7", 60) for _ in range(4)] == [1, 2, 3, 4]
    assert count_in_window("test:hits:reader-8", 60) == 1  # another name, another count
    if any_cache == "redis":
        window = int(time.time()) // 60
        client = direct_client()
        assert client is not None
        ttl = client.ttl(cache.make_key(f"test:hits:reader-7:{window}"))
        assert 0 < ttl <= 61  # set once, on the first hit, so the window cannot be stretched


def test_count_in_window_is_exact_under_concurrent_hits(redis_cache):
    counts: list[int] = []
    lock = threading.Lock()

    def hit() -> None:
        for _ in range(25):
            value = count_in_window("test:hits:crowd", 3600)
            with lock:
                counts.append(value)

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 201))


def test_set_max_never_moves_backwards(any_cache):
    set_max("test:latest", 10)
    set_max("test:latest", 7)
    assert cache.get("test:latest") == 10
    set_max("test:latest", 12)
    assert cache.get("test:latest") == 12


def test_set_max_keeps_the_largest_of_concurrent_writers(redis_cache):
    values = list(range(1, 401))

    def write(chunk: list[int]) -> None:
        for value in chunk:
            set_max("test:latest:race", value)

    # Each thread writes its numbers in descending order, so a plain SET would often end low.
    threads = [
        threading.Thread(target=write, args=(sorted(values[i::8], reverse=True),)) for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("test:latest:race") == 400


def test_both_fail_soft_when_redis_is_gone(settings):
    _redis_cache(settings, _free_port())
    started = time.monotonic()
    assert count_in_window("test:hits:away", 60) == 1  # the rate limit fails open
    set_max("test:latest:away", 5)  # dropped, no exception
    assert direct_client() is None  # paused after the failure: no second timeout
    assert count_in_window("test:hits:away", 60) == 1
    assert time.monotonic() - started < 5


def test_a_bump_moves_every_version_up_by_one(any_cache):
    from masthead.core import pagecache

    cache.set("test:v:a", 7, timeout=None)
    pagecache.bump("test:v:a", "test:v:missing")
    assert pagecache.version_of("test:v:a") == 8
    assert pagecache.version_of("test:v:missing") == 2  # read as 1 before the bump
    pagecache.bump("test:v:missing")
    assert pagecache.version_of("test:v:missing") == 3


def test_a_bump_without_redis_is_dropped_quietly(settings):
    from masthead.core import pagecache

    _redis_cache(settings, _free_port())
    pagecache.bump("test:v:away")  # no exception: the pages' own expiry still holds
    assert pagecache.version_of("test:v:away") == 1


def test_one_round_trip_sends_the_writes_together_at_the_end(any_cache):
    from masthead.core import pagecache
    from masthead.core.cache import one_round_trip

    cache.set("test:v:page", 3, timeout=None)
    with one_round_trip():
        pagecache.bump("test:v:page")
        set_max("test:latest:batch", 41)
        if any_cache == "redis":
            # nothing has gone out yet
            assert pagecache.version_of("test:v:page") == 3
            assert cache.get("test:latest:batch") is None
    assert pagecache.version_of("test:v:page") == 4
    assert cache.get("test:latest:batch") == 41


def test_one_round_trip_is_one_round_trip(redis_cache, monkeypatch):
    from redis.client import Pipeline

    from masthead.core import pagecache
    from masthead.core.cache import one_round_trip

    pagecache.bump("test:v:warm")
    set_max("test:latest:warm", 1)  # the scripts are loaded
    sent: list[int] = []
    execute = Pipeline.execute

    def counting(self, *args, **kwargs):
        sent.append(len(self.command_stack))
        return execute(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", counting)
    with one_round_trip():
        pagecache.bump("test:v:one")
        set_max("test:latest:one", 9)
    assert sent == [2]


def test_one_round_trip_loads_scripts_redis_forgot(redis_cache):
    from masthead.core import pagecache
    from masthead.core.cache import one_round_trip

    set_max("test:latest:flush", 1)
    client = direct_client()
    assert client is not None
    client.script_flush()  # what a Redis restart does
    with one_round_trip():
        pagecache.bump("test:v:flush")
        set_max("test:latest:flush", 5)
    assert cache.get("test:latest:flush") == 5
    assert pagecache.version_of("test:v:flush") >= 2


def test_one_round_trip_fails_soft_when_redis_is_gone(settings):
    from masthead.core import pagecache
    from masthead.core.cache import one_round_trip

    _redis_cache(settings, _free_port())
    with one_round_trip():
        pagecache.bump("test:v:gone")
        set_max("test:latest:gone", 5)
    assert direct_client() is None
