"""One module per check. Each exposes ``check(doc) -> list[Finding]`` and nothing else.

Checks report raw scores; the engine applies the publisher's thresholds and actions, so a
check never needs to know the policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from masthead.standards import lexicon
from masthead.standards.blocklist import Blocklist
from masthead.standards.classifier import Model
from masthead.standards.lexicon import Match
from masthead.standards.normalise import Normalised
from masthead.standards.store import Store
from masthead.standards.verdict import Evidence, ReviewContext

_WORDS_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """What the engine needs besides the text and the policy: all of it loaded once."""

    model: Model | None = None
    blocklist: Blocklist | None = None
    # Hosts a link may point to without being read as advertising (the site's own, say).
    allowed_hosts: frozenset[str] = frozenset()


# How long the store remembers a comment for the checks that look back (flooding, flash mobs).
# One window for both, so the engine fetches what they need in one exchange with the store.
MEMORY_SECONDS = 3600


@dataclass(slots=True)
class Doc:
    norm: Normalised
    ctx: ReviewContext
    store: Store
    now: datetime
    config: EngineConfig
    # Filled by the classifier check and read by later checks that lean on it.
    scores: dict[str, float] = field(default_factory=dict)
    # What the store held for the keys the memory checks asked for, before this comment was
    # added (filled by the engine from every check's ``memory(doc)``, in one exchange).
    recalled: dict[str, list[Any]] = field(default_factory=dict)
    _words: list[str] | None = None
    _lists: dict[str, list[Match]] | None = None

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = _WORDS_RE.findall(self.norm.text)
        return self._words

    def matches(self, family: str) -> list[Match]:
        """Matches of one word list in the normalised text; every list is scanned once."""
        if self._lists is None:
            self._lists = lexicon.scanner().scan(self.norm.text)
        return self._lists.get(family, [])

    def evidence(self, start: int, end: int, *, plain: bool = False) -> Evidence:
        """Evidence for a span of the normalised text, pointing into the original."""
        a, b = self.norm.plain_span(start, end) if plain else self.norm.span(start, end)
        return Evidence(a, b, self.norm.original[a:b])
