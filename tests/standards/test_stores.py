"""The stores behind the flooding and flash-mob checks keep the same contract.

The memory store serves tests and single processes, the cache store any Django cache, and the
Redis store production, where every web process must see the others' recent comments.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from masthead.standards import Action
from masthead.standards.store import MAX_ITEMS, CacheStore, MemoryStore, RedisStore

from .conftest import NOW, ReviewFn

T0 = NOW.timestamp()


def _redis_store(client: redis.Redis, failures: list[BaseException] | None = None) -> RedisStore:
    from django.core.cache import cache

    sink = failures if failures is not None else []
    return RedisStore(client, cache.make_key, sink.append, (redis.RedisError, OSError))


@pytest.fixture
def redis_client(redis_cache) -> redis.Redis:
    from masthead.core.cache import direct_client

    client = direct_client()
    assert client is not None
    return client


@pytest.fixture(params=["memory", "cache", "redis"])
def any_store(request):
    if request.param == "memory":
        return MemoryStore()
    if request.param == "cache":
        return CacheStore()
    return _redis_store(request.getfixturevalue("redis_client"))


def test_exchange_answers_what_was_there_before_appending(any_store):
    assert any_store.exchange({"author:1": ("t0", "aa")}, T0 - 60, T0, 3600) == {"author:1": []}
    found = any_store.exchange({"author:1": ("t1", "bb")}, T0 - 60, T0 + 5, 3600)
    assert found == {"author:1": [("t0", "aa")]}
    assert any_store.recent(["author:1"], T0 - 60) == {"author:1": [("t0", "aa"), ("t1", "bb")]}


def test_old_items_are_left_out(any_store):
    any_store.append({"k": "old"}, T0, 7200)
    any_store.append({"k": "new"}, T0 + 3000, 7200)
    assert any_store.recent(["k"], T0 + 1000) == {"k": ["new"]}
    assert any_store.recent(["k", "other"], T0 - 1) == {"k": ["old", "new"], "other": []}


def test_an_item_appended_again_is_kept_once_at_its_new_time(any_store):
    any_store.append({"mob:band": "acct1"}, T0, 3600)
    any_store.append({"mob:band": "acct2"}, T0 + 10, 3600)
    found = any_store.exchange({"mob:band": "acct1"}, T0, T0 + 20, 3600)
    assert found == {"mob:band": ["acct1", "acct2"]}
    assert any_store.recent(["mob:band"], T0) == {"mob:band": ["acct2", "acct1"]}
    assert any_store.recent(["mob:band"], T0 + 15) == {"mob:band": ["acct1"]}


def test_a_bucket_keeps_only_the_newest_items(any_store):
    for i in range(MAX_ITEMS + 30):
        any_store.append({"flood": i}, T0 + i, 3600)
    kept = any_store.recent(["flood"], T0)["flood"]
    assert len(kept) == MAX_ITEMS
    assert kept[0] == 30
    assert kept[-1] == MAX_ITEMS + 29


def test_redis_appends_from_many_threads_lose_nothing(redis_client):
    store = _redis_store(redis_client)

    def append(n: int) -> None:
        for i in range(6):
            store.append({"mob:shared": f"{n}-{i}"}, T0 + i, 3600)
            store.exchange({"mob:other": f"{n}-{i}"}, T0, T0 + i, 3600)

    threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.recent(["mob:shared"], T0)["mob:shared"]) == 48
    assert len(store.recent(["mob:other"], T0)["mob:other"]) == 48


def test_redis_keys_expire(redis_client):
    from django.core.cache import cache

    _redis_store(redis_client).append({"author:9": "x"}, T0, 90)
    assert 0 < redis_client.ttl(cache.make_key("standards:sets:author:9")) <= 90


def test_two_processes_see_one_campaign(redis_client, check: ReviewFn):
    """Two web processes (two stores, two connection pools) catch a flash mob together."""
    pool = redis.ConnectionPool(**redis_client.connection_pool.connection_kwargs)
    stores = [_redis_store(redis_client), _redis_store(redis.Redis(connection_pool=pool))]
    text = (
        "The ambassador is telling the truth and every reader of this site should share this "
        "article with ten friends today"
    )
    verdicts = [
        check(text, author_id=f"acct{i}", store=stores[i % 2], now=NOW + timedelta(minutes=i))
        for i in range(8)
    ]
    assert verdicts[0].action is Action.PUBLISH
    assert "flash_mob" in verdicts[-1].rules


def test_flooding_is_seen_through_redis(redis_client, check: ReviewFn):
    store = _redis_store(redis_client)
    texts = [
        "The budget is wrong.",
        "Defence spending is too high.",
        "Schools get less every year.",
        "Hospitals are short of nurses.",
        "Pensions have not kept up.",
        "And transport is a mess too.",
    ]
    verdicts = [
        check(text, author_id="a", store=store, now=NOW + timedelta(seconds=i * 5))
        for i, text in enumerate(texts)
    ]
    assert [v.action for v in verdicts[:5]] == [Action.PUBLISH] * 5
    assert verdicts[5].action is Action.HOLD
    assert "flooding" in verdicts[5].rules


def test_an_unreachable_redis_forgets_instead_of_failing(db):
    from tests.faults.test_redis_outage import _free_port

    failures: list[BaseException] = []
    # No retries: redis-py's default retries a refused connection with back-off, which cost
    # this test 10 s of sleeping and checks nothing more (the store sees the same error).
    dead = redis.Redis(
        port=_free_port(),
        socket_connect_timeout=0.3,
        socket_timeout=0.3,
        retry=Retry(NoBackoff(), 0),
    )
    store = _redis_store(dead, failures)
    assert store.exchange({"author:1": 1}, T0, T0, 60) == {"author:1": []}
    assert store.recent(["author:1"], T0) == {"author:1": []}
    store.append({"author:1": 2}, T0, 60)
    assert len(failures) == 3
