"""Background work of moderation; thin wrappers over services."""

from __future__ import annotations

from django.tasks import task

from masthead.moderation import services


@task()
def premoderate_often_rejected() -> int:
    """Readers the engine itself rejected often go to pre-moderation too (not only after a
    moderator's rejection, which checks at once)."""
    return services.sweep_premoderation()


SCHEDULE = [
    ("masthead.moderation.tasks.premoderate_often_rejected", 600),
]
