"""View counting without a database write per view.

Views are buffered per article and per hour, then flushed in batches with `F()` increments.
With Redis the buffer is a hash per hour that every web process shares; a flush atomically
renames it, so views arriving during the flush land in a fresh hash and none is lost. Without
Redis (the embedded default) each web process buffers in memory and hands its counts to a task.
Every batch carries an id recorded in the same transaction as its increments, so a batch that is
retried after a crash is applied once.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import redis.exceptions
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from masthead.newsroom.models import Article, ArticleViewHour, ViewFlush

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-|httpclient|headless|"
    r"facebookexternalhit|embedly|lighthouse|pingdom|scan",
    re.IGNORECASE,
)
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
PENDING_PREFIX = "views:pending:"
FLUSHING_PREFIX = "views:flushing:"


def is_bot(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or request.method != "GET" or bool(BOT_PATTERN.search(agent))


def _hour_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H")


def _hour_from_stamp(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%d%H").replace(tzinfo=UTC)


class _LocalBuffer:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[tuple[str, int]] = Counter()
        self.last_flush = time.monotonic()

    def add(self, article_id: int) -> None:
        with self.lock:
            self.counts[(_hour_stamp(timezone.now()), article_id)] += 1
            due = time.monotonic() - self.last_flush >= settings.VIEW_FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self) -> None:
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.last_flush = time.monotonic()
        if not counts:
            return
        from masthead.newsroom.tasks import apply_views

        by_hour: dict[str, dict[str, int]] = {}
        for (stamp, article_id), n in counts.items():
            by_hour.setdefault(stamp, {})[str(article_id)] = n
        for stamp, hour_counts in by_hour.items():
            apply_views.enqueue(uuid.uuid4().hex, stamp, hour_counts)


_local = _LocalBuffer()


def _redis():
    return cache._cache.get_client(write=True)  # type: ignore[attr-defined]


def uses_redis() -> bool:
    # The backend itself: `cache` is a proxy, and isinstance() on it was always False, so the
    # shared Redis buffer was never used.
    return isinstance(caches["default"], RedisCache)


def record_view(request: HttpRequest, article_id: int) -> None:
    if is_bot(request):
        return
    backend = caches["default"]
    # A Redis known to be down (see masthead.core.cache) is not asked again on every view.
    if uses_redis() and getattr(backend, "available", lambda: True)():
        key = cache.make_key(PENDING_PREFIX + _hour_stamp(timezone.now()))
        try:
            # One round trip for both commands: this runs on every page view.
            pipe = _redis().pipeline(transaction=False)
            pipe.hincrby(key, str(article_id), 1)
            pipe.expire(key, 7 * 24 * 3600)
            pipe.execute()
            return
        except REDIS_DOWN as error:
            # Redis is away: count it in this process instead of failing the page.
            if hasattr(backend, "mark_down"):
                backend.mark_down(error)
    _local.add(article_id)


def flush_views() -> int:
    """Move buffered views into the database; returns how many views were applied."""
    pending = sum(_local.counts.values())
    _local.flush()
    if not uses_redis():
        return pending
    try:
        return pending + _flush_redis()
    except REDIS_DOWN:
        return pending  # the scheduler runs this again in VIEW_FLUSH_SECONDS


def _flush_redis() -> int:
    client = _redis()
    applied = 0
    # A flush that died half-way left its renamed hash behind: finish it first (its batch id is
    # in the key, so if it had already committed, applying it again is a no-op).
    leftovers = list(client.scan_iter(cache.make_key(FLUSHING_PREFIX + "*")))
    for pending in client.scan_iter(cache.make_key(PENDING_PREFIX + "*")):
        stamp = pending.decode().rsplit(":", 1)[-1]
        flushing = cache.make_key(f"{FLUSHING_PREFIX}{stamp}:{uuid.uuid4().hex}")
        try:
            client.rename(pending, flushing)
        except redis.exceptions.ResponseError:
            continue  # the key vanished under us: another flush took it
        leftovers.append(flushing.encode())
    for key in leftovers:
        name = key.decode() if isinstance(key, bytes) else key
        _prefix, stamp, batch = name.rsplit(":", 2)
        counts = {k.decode(): int(v) for k, v in client.hgetall(name).items()}
        applied += apply_view_batch(batch, stamp, counts)
        client.delete(name)
    return applied


def apply_view_batch(batch: str, stamp: str, counts: dict[str, int]) -> int:
    hour = _hour_from_stamp(stamp)
    total = sum(counts.values())
    try:
        with transaction.atomic():
            ViewFlush.objects.create(batch=batch, views=total)
            existing = set(
                Article.objects.filter(pk__in=[int(k) for k in counts]).values_list("pk", flat=True)
            )
            for key, n in sorted(counts.items()):
                article_id = int(key)
                if article_id not in existing:
                    continue
                Article.objects.filter(pk=article_id).update(view_count=F("view_count") + n)
                updated = ArticleViewHour.objects.filter(article_id=article_id, hour=hour).update(
                    views=F("views") + n
                )
                if not updated:
                    ArticleViewHour.objects.create(article_id=article_id, hour=hour, views=n)
    except IntegrityError:
        return 0  # this batch was applied before
    cache.delete("newsroom:trending")
    return total


def trending_ids(hours: int = 24, limit: int = 5) -> list[int]:
    since = timezone.now() - timedelta(hours=hours)
    rows = (
        ArticleViewHour.objects.filter(hour__gte=since.replace(minute=0, second=0, microsecond=0))
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[: limit * 3]
    )
    return [row["article_id"] for row in rows]
