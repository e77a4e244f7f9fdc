"""A small periodic-task scheduler for Django's task framework.

Django's tasks have no notion of "every ten seconds". Each app lists its periodic tasks in
`<app>.tasks.SCHEDULE` as (dotted path, interval in seconds); one scheduler process enqueues
them and the task workers run them, so a slow task never delays the next tick. Run exactly one
scheduler per site (two would enqueue everything twice; the tasks are idempotent, so that is
wasteful rather than wrong).
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def collect_schedule() -> list[tuple[str, int]]:
    schedule: list[tuple[str, int]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("masthead."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue
        schedule.extend(getattr(module, "SCHEDULE", []))
    return schedule


def run_forever(*, sleep: Callable[[float], None] = time.sleep, ticks: int | None = None) -> None:
    schedule = collect_schedule()
    next_run = {path: 0.0 for path, _interval in schedule}
    done = 0
    while ticks is None or done < ticks:
        now = time.monotonic()
        for path, interval in schedule:
            if now >= next_run[path]:
                try:
                    import_string(path).enqueue()
                except Exception:
                    log.exception("Could not enqueue %s", path)
                next_run[path] = now + interval
        done += 1
        sleep(1.0)
