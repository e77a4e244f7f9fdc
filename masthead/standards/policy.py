"""The Django-facing side of the policy: ``RuleSetting`` rows become a plain :class:`Policy`.

The policy is read on every comment, so it is cached twice: in Django's cache (shared by all
processes) under a version number, and in each process for a few seconds. Saving a rule bumps
the version; other processes see it within ``LOCAL_SECONDS``.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache

from masthead.standards.catalogue import CATALOGUE, Action, Policy, Rule

CACHE_KEY = "standards:policy"
VERSION_KEY = "standards:policy-version"
LOCAL_SECONDS = 5.0

_lock = threading.Lock()
_local: tuple[float, int, Policy] | None = None


def build() -> Policy:
    """The catalogue with the table's overrides; rules without a row keep their defaults."""
    from masthead.standards.models import RuleSetting

    rules = {rule.code: rule for rule in CATALOGUE}
    for row in RuleSetting.objects.filter(code__in=list(rules)):
        rules[row.code] = Rule(
            code=row.code,
            title=row.title,
            explanation=row.explanation,
            action=Action(row.action),
            threshold=row.threshold,
            enabled=row.enabled,
        )
    return Policy(rules=rules)


def current() -> Policy:
    global _local
    now = time.monotonic()
    local = _local
    if local is not None and now - local[0] < LOCAL_SECONDS:
        return local[2]
    version = cache.get(VERSION_KEY)
    if local is not None and version is not None and local[1] == version:
        _local = (now, local[1], local[2])
        return local[2]
    with _lock:
        if version is None:
            version = int(time.time() * 1000)
            cache.add(VERSION_KEY, version, timeout=None)
            version = cache.get(VERSION_KEY, version)
        policy = cache.get(f"{CACHE_KEY}:{version}")
        if policy is None:
            policy = build()
            cache.set(f"{CACHE_KEY}:{version}", policy, timeout=None)
        _local = (now, version, policy)
    return policy


def invalidate() -> None:
    global _local
    with _lock:
        _local = None
        cache.set(VERSION_KEY, int(time.time() * 1000) + 1, timeout=None)
