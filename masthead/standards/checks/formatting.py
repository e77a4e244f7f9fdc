"""Capitals and sentences: text mostly in upper case, or long text never broken into sentences."""

from __future__ import annotations

import re

from masthead.standards.checks import Doc
from masthead.standards.verdict import Evidence, Finding

MIN_CASED_LETTERS = 24
_SENTENCE_END_RE = re.compile(r"[.!?…;:\n]|[)\]]\s")
_WORD_RE = re.compile(r"\S+")
# The longest run of words a careful writer strings together without a stop.
MAX_WORDS_WITHOUT_STOP = 70


# The opening is enough to tell shouting from writing, and keeps long comments cheap.
SAMPLE = 1000


def capitals(original: str) -> float:
    sample = original[:SAMPLE]
    upper = sum(map(str.isupper, sample))
    lower = sum(map(str.islower, sample))
    cased = upper + lower
    if cased < MIN_CASED_LETTERS:
        return 0.0
    ratio = upper / cased
    if ratio < 0.6:
        return 0.0
    return min(1.0, 0.4 + ratio * 0.55)


def longest_run(original: str) -> tuple[int, int, int]:
    """The longest stretch of words without sentence punctuation: (words, start, end)."""
    best = (0, 0, 0)
    start = 0
    for piece_end in [m.start() for m in _SENTENCE_END_RE.finditer(original)] + [len(original)]:
        words = _WORD_RE.findall(original, start, piece_end)
        if len(words) > best[0]:
            best = (len(words), start, piece_end)
        start = piece_end + 1
    return best


def check(doc: Doc) -> list[Finding]:
    original = doc.norm.original
    findings: list[Finding] = []
    caps = capitals(original)
    if caps:
        findings.append(
            Finding("formatting", caps, (Evidence(0, len(original), original[:80]),), "capitals")
        )
    if len(original) > 300:
        words, start, end = longest_run(original)
        if words > MAX_WORDS_WITHOUT_STOP:
            score = min(0.95, 0.5 + (words - MAX_WORDS_WITHOUT_STOP) / 100)
            findings.append(
                Finding(
                    "formatting",
                    score,
                    (Evidence(start, end, original[start : min(end, start + 80)]),),
                    f"{words} words without a sentence break",
                )
            )
    return findings
