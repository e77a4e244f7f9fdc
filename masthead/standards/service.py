"""The site's entry point to the engine: settings, the publisher's policy and the shared store.

Other apps call :func:`review_comment`; it returns the same :class:`Verdict` as the pure
``review`` and does nothing else (saving the comment is the discussion app's business).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from masthead.standards import classifier, conf, policy, second_look
from masthead.standards.blocklist import BlocklistFile
from masthead.standards.catalogue import Action
from masthead.standards.checks import EngineConfig, language
from masthead.standards.engine import review
from masthead.standards.store import CacheStore, NullStore, RedisStore, Store
from masthead.standards.verdict import AuthorHistory, ReviewContext, Verdict

_lock = threading.Lock()
_blocklist: BlocklistFile | None = None
_config: EngineConfig | None = None
_checked = 0.0
# How often a process looks for a new blocklist file, as BlocklistFile does for a changed one:
# the look is a stat() and a settings lookup, which every review paid for before.
CHECK_SECONDS = 60.0


def engine_config() -> EngineConfig:
    """Model and allowed hosts loaded once; the blocklist re-read when its file changes."""
    global _blocklist, _config, _checked
    config, now = _config, time.monotonic()
    if config is not None and now - _checked < CHECK_SECONDS:
        return config
    with _lock:
        _checked = now
        source = conf.blocklist_source()
        if _blocklist is None or _blocklist.path != source:
            _blocklist = BlocklistFile(source)
        if _config is None:
            _config = EngineConfig(
                model=classifier.get_model(conf.model_path()),
                allowed_hosts=conf.allowed_hosts(),
            )
        blocklist = _blocklist.get()
        if _config.blocklist is not blocklist:
            _config = replace(_config, blocklist=blocklist)
        return _config


def look_for_new_blocklist() -> None:
    """Make the next review load the blocklist file again at once (it was just written)."""
    global _blocklist, _checked
    with _lock:
        _blocklist = None
        _checked = 0.0


def reset() -> None:
    global _blocklist, _config, _checked
    with _lock:
        _blocklist = None
        _config = None
        _checked = 0.0


def shared_store() -> Store:
    """Redis lists when the cache is Redis (atomic appends, one round trip per check), else the
    cache API (a single process, or tests)."""
    from django.core.cache import cache

    from masthead.core import cache as site_cache

    client = site_cache.direct_client()
    if client is None:
        return CacheStore()
    return RedisStore(client, cache.make_key, site_cache.direct_failed, site_cache.FAILURES)


def review_comment(
    text: str,
    *,
    article_title: str = "",
    article_text: str = "",
    author_id: str | int | None = None,
    author_history: AuthorHistory | None = None,
    is_reply: bool = False,
    now: datetime | None = None,
    store: Store | None = None,
) -> Verdict:
    context = ReviewContext(
        article_title=article_title,
        article_text=article_text,
        author_id=str(author_id) if author_id is not None else None,
        author_history=author_history,
        site_name=settings.SITE_NAME,
        site_language=settings.SITE_LANGUAGE,
        is_reply=is_reply,
        now=now or timezone.now(),
    )
    return review(
        text,
        context,
        policy=policy.current(),
        store=store if store is not None else shared_store(),
        config=engine_config(),
    )


def second_look_wanted(verdict: Mapping[str, Any]) -> bool:
    """Whether a stored verdict (``Verdict.as_dict()``) asks for the background's second reading:
    the engine published the comment with an insults or hate signal at the second look's gate.
    Reads the head's small file only; the encoder loads in the worker that does the reading."""
    if not conf.second_look_enabled():
        return False
    head = second_look.get_head()
    signals = verdict.get("signals")
    if head is None or not isinstance(signals, Mapping):
        return False
    return head.wanted(str(verdict.get("action", "")), signals)


def second_look_finding(text: str, verdict: Mapping[str, Any]) -> dict[str, Any] | None:
    """The second reading of a published comment: None when it stays published, else the
    stored verdict to replace it with (held, the new finding first, the look's version)."""
    look = second_look.get()
    signals = verdict.get("signals")
    if look is None or not isinstance(signals, Mapping):
        return None
    current = policy.current()
    found = look.finding(text, str(verdict.get("action", "")), signals, current)
    if found is None:
        return None
    held = Verdict(
        action=Action.HOLD,
        score=max(float(verdict.get("score", 0.0)), found.score),
        findings=(found,),
        policy=current,
    )
    stored = dict(verdict)
    stored.update(
        action=Action.HOLD.value,
        score=round(held.score, 4),
        findings=[found.as_dict(current), *verdict.get("findings", [])],
        explanation=held.explanation_for_author(),
        second_look=look.head.version,
    )
    return stored


def warm_up() -> None:
    """Load the model, the word lists and the language identifier now, not on the first post.

    Called when a web process starts (masthead/wsgi.py): otherwise the first comments each
    process reviews wait for about half a second of loading. Pure: no database, no cache.
    """
    review(
        "A short sample comment about the harbour bridge, to load the engine.",
        ReviewContext(article_title="Sample", site_language=settings.SITE_LANGUAGE),
        store=NullStore(),
        config=engine_config(),
    )
    # The sample reads as the site's language at once, so the review never asked the detector.
    language.identifier()
    if conf.second_look_enabled():
        # Its small head file, which every post asks whether to send the comment on; the
        # encoder itself loads in the task worker only.
        second_look.get_head()
