"""Background work of the newsroom; thin wrappers over domain functions."""

from __future__ import annotations

from django.tasks import task

from masthead.newsroom import counters


@task()
def apply_views(batch: str, stamp: str, counts: dict[str, int]) -> int:
    return counters.apply_view_batch(batch, stamp, counts)


@task()
def flush_views() -> int:
    return counters.flush_views()


@task()
def publish_due_articles() -> int:
    from masthead.newsroom.services import announce_due_articles

    return announce_due_articles()


SCHEDULE = [
    ("masthead.newsroom.tasks.flush_views", 10),
    ("masthead.newsroom.tasks.publish_due_articles", 30),
]
