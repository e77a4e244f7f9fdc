"""Background work of the discussion; thin wrappers over services."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from masthead.discussion import services

# The scheduler runs every task as soon as it starts, so after a crash the counters are right
# again at the first tick; the window covers a scheduler that was down for most of a day.
RECOUNT_WINDOW = timedelta(hours=24)


@task()
def recount_recent_comments() -> int:
    return services.recount_comments(since=timezone.now() - RECOUNT_WINDOW)


@task()
def second_look(comment_id: int) -> bool:
    return services.hold_after_second_look(comment_id)


SCHEDULE = [
    ("masthead.discussion.tasks.recount_recent_comments", 900),
]
