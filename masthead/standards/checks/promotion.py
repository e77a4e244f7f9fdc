"""Unauthorised promotion: "subscribe to my channel", promo codes, shop-window phrases.

A link to a host off the allow-list (see :mod:`links`) or a high spam score raises it.
"""

from __future__ import annotations

from masthead.standards.checks import Doc
from masthead.standards.verdict import Finding


def check(doc: Doc) -> list[Finding]:
    matches = doc.matches("promotion")
    if not matches:
        return []
    score = max(m.score for m in matches)
    spam = doc.scores.get("spam", 0.0)
    score = 1.0 - (1.0 - score) * (1.0 - 0.5 * spam)
    return [
        Finding(
            "promotion",
            score,
            tuple(doc.evidence(m.start, m.end) for m in matches),
            "promotional phrases: " + ", ".join(sorted({m.term for m in matches})),
        )
    ]
