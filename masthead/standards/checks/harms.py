"""Extremism, violence and animal cruelty, suicide, drugs and harm to children.

No public labelled set covers these, so they rest on curated word lists of phrases (not
single words: "kill" is everyday English, "kill all the ..." is not). The classifier's threat
and hate heads lend weight: a matched phrase in a hostile comment is more likely meant.
"""

from __future__ import annotations

from masthead.standards.checks import Doc
from masthead.standards.verdict import Finding

# rule code -> (word-list family, the classifier head whose agreement raises the score)
FAMILIES = {
    "extremism": ("extremism", "hate"),
    "violence": ("violence", "insults"),
    "suicide": ("suicide", "insults"),
    "narcotics": ("narcotics", "spam"),
    "harm_to_minors": ("minors", "insults"),
}


def check(doc: Doc) -> list[Finding]:
    findings: list[Finding] = []
    for rule, (family, head) in FAMILIES.items():
        matches = doc.matches(family)
        if not matches:
            continue
        base = max(m.score for m in matches)
        support = doc.scores.get(head, 0.0)
        # Agreement can only add: a calm sentence with the phrase keeps the list's own score.
        score = 1.0 - (1.0 - base) * (1.0 - 0.5 * support)
        findings.append(
            Finding(
                rule,
                score,
                tuple(doc.evidence(m.start, m.end) for m in matches),
                f"word list {family}: " + ", ".join(sorted({m.term for m in matches})),
            )
        )
    return findings
