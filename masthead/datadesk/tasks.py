"""The scheduled refresh. The project's scheduler reads SCHEDULE: (task path, every N seconds)."""

from __future__ import annotations

from django.tasks import task

from masthead.datadesk import services
from masthead.datadesk.models import RunTrigger
from masthead.datadesk.sources import SOURCES

SCHEDULE = [("masthead.datadesk.tasks.refresh_sources", 6 * 3600)]


@task
def refresh_sources() -> dict[str, str]:
    """Refresh every registered source; a failing one is recorded and does not stop the others."""
    return {key: services.refresh(key, trigger=RunTrigger.TASK).status for key in sorted(SOURCES)}
