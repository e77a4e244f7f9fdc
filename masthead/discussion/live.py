"""Live updates by polling through the cache.

Each published comment moves the article's "latest comment id" in the cache. A page already open
asks every few seconds whether anything newer than the comment it last saw exists; the answer
comes from the cache alone unless there is something new, so thousands of open pages cost
thousands of cache reads, not database queries.
"""

from __future__ import annotations

from django.core.cache import cache

from masthead.core.cache import set_max


def _key(article_id: int) -> str:
    return f"discussion:latest:{article_id}"


def announce(article_id: int, comment_id: int) -> None:
    # Never backwards: of two comments committed at once, the later id must stay announced.
    set_max(_key(article_id), comment_id)


def latest(article_id: int) -> int | None:
    value = cache.get(_key(article_id))
    return int(value) if value is not None else None
