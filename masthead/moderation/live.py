"""The queue's live updates, through the cache alone.

Every decision increments a version number and stores a small event under that version. An open
queue polls with the version it knows; when nothing changed the answer costs one cache read, and
otherwise it gets the events since then (which items are gone, decided by whom). A reader who
falls too far behind is told to reload.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

VERSION_KEY = "moderation:queue:version"
APPEALS_KEY = "moderation:appeals:version"
EVENT_TTL = 600
MAX_EVENTS = 200


def _incr(key: str) -> int:
    try:
        return int(cache.incr(key))
    except ValueError:
        # Two processes may both start the counter; add() lets only one of them set it.
        if cache.add(key, 1, timeout=None):
            return 1
        return int(cache.incr(key))


def version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def announce(comment_id: int, who: str, decision: str) -> None:
    number = _incr(VERSION_KEY)
    cache.set(
        f"moderation:queue:event:{number}",
        {"id": comment_id, "by": who, "decision": decision},
        EVENT_TTL,
    )


def bump_appeals() -> None:
    _incr(APPEALS_KEY)


def changes_since(since: int) -> dict[str, Any]:
    current = version()
    answer: dict[str, Any] = {"version": current, "appeals": int(cache.get(APPEALS_KEY) or 0)}
    if since >= current:
        answer["events"] = []
        return answer
    if current - since > MAX_EVENTS:
        answer["reload"] = True
        return answer
    keys = [f"moderation:queue:event:{n}" for n in range(since + 1, current + 1)]
    found = cache.get_many(keys)
    answer["events"] = [found[k] for k in keys if k in found]
    if len(answer["events"]) < len(keys):
        answer["reload"] = True
    return answer
