"""Flooding: one author posting too much, too fast, or the same text again and again.

The author's recent comments live in the store (shared by all web processes in production):
each entry is a short fingerprint of the normalised text. Incoherent text (keyboard mashing)
adds to the score but does not make a flood on its own.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from masthead.standards.checks import Doc
from masthead.standards.verdict import Evidence, Finding

# (window in seconds, comments in it that make a flood)
RATE_LIMITS = ((60, 5), (600, 15), (3600, 40))
REPEAT_WINDOW = 3600
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyаеёиоуыэюя")


def fingerprint(text: str) -> str:
    squeezed = " ".join(_TOKEN_RE.findall(text))
    return hashlib.blake2b(squeezed.encode(), digest_size=8).hexdigest()


def gibberish(text: str) -> float:
    """Share of longer tokens that no language would write: no vowel, or one letter in bulk."""
    tokens = [t for t in _TOKEN_RE.findall(text) if len(t) >= 4]
    if len(tokens) < 3:
        return 0.0
    odd = sum(1 for t in tokens if not (_VOWELS & set(t)) or len(set(t)) <= len(t) // 4)
    return odd / len(tokens)


def memory(doc: Doc) -> dict[str, Any]:
    """What this comment adds to the store: the author's key and (time, fingerprint)."""
    if doc.ctx.author_id is None:
        return {}
    return {f"author:{doc.ctx.author_id}": (doc.now.timestamp(), fingerprint(doc.norm.text))}


def check(doc: Doc) -> list[Finding]:
    author = doc.ctx.author_id
    if author is None:
        return []
    now = doc.now.timestamp()
    mine = fingerprint(doc.norm.text)
    previous = doc.recalled.get(f"author:{author}", [])
    score = 0.0
    reasons: list[str] = []
    for window, limit in RATE_LIMITS:
        count = sum(1 for at, _fp in previous if at >= now - window) + 1
        if count > limit:
            score = max(score, min(0.95, 0.6 + 0.05 * (count - limit)))
            reasons.append(f"{count} comments in {window // 60} min")
    repeats = sum(1 for at, fp in previous if fp == mine and at >= now - REPEAT_WINDOW)
    if repeats:
        score = max(score, min(0.95, 0.55 + 0.15 * repeats))
        reasons.append(f"same text posted {repeats + 1} times")
    nonsense = gibberish(doc.norm.text)
    if nonsense >= 0.5:
        score = 1.0 - (1.0 - score) * (1.0 - 0.5 * nonsense)
        reasons.append("incoherent text")
    if score <= 0.0:
        return []
    original = doc.norm.original
    return [
        Finding("flooding", score, (Evidence(0, len(original), original[:80]),), "; ".join(reasons))
    ]
