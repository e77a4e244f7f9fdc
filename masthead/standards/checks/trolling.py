"""Trolling, and disrespect to the site itself.

Trolling: baiting phrases from a word list, made stronger when the classifier also hears an
insult. Disrespect to the site: the site's name (or "this rag", "your editors") close to an
insult or swear word. Criticism of the journalism, with no insult near the name, passes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from masthead.standards.checks import Doc
from masthead.standards.normalise import normalise
from masthead.standards.verdict import Finding

NEAR = 60  # characters either side of a mention of the site


@lru_cache(maxsize=16)
def _site_pattern(site_name: str) -> re.Pattern[str] | None:
    name = normalise(site_name).text.strip()
    if len(name) < 3:
        return None
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def check(doc: Doc) -> list[Finding]:
    text = doc.norm.text
    findings: list[Finding] = []
    insult_score = doc.scores.get("insults", 0.0)
    baits = doc.matches("trolling")
    if baits:
        score = max(m.score for m in baits)
        if insult_score >= 0.3:
            score = 1.0 - (1.0 - score) * (1.0 - insult_score)
        findings.append(
            Finding(
                "trolling",
                score,
                tuple(doc.evidence(m.start, m.end) for m in baits),
                "baiting phrases: " + ", ".join(sorted({m.term for m in baits})),
            )
        )
    mentions = [(m.start, m.end) for m in doc.matches("site_aliases")]
    pattern = _site_pattern(doc.ctx.site_name) if doc.ctx.site_name else None
    if pattern is not None:
        mentions.extend(m.span() for m in pattern.finditer(text))
    if not mentions:
        return findings
    abuse = doc.matches("insults") + doc.matches("profanity")
    for start, end in mentions:
        near = [m for m in abuse if m.end >= start - NEAR and m.start <= end + NEAR]
        if near:
            score = max(0.75, insult_score, max(m.score for m in near))
        elif insult_score >= 0.5:
            score = 0.5 + insult_score * 0.3
        else:
            continue
        evidence = [doc.evidence(start, end)] + [doc.evidence(m.start, m.end) for m in near]
        findings.append(
            Finding("disrespect_site", score, tuple(evidence), "insult near a mention of the site")
        )
        break
    return findings
