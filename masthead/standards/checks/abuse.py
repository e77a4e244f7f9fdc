"""Insults and threats, hatred, swearing and spam: the trained classifier and the word lists.

The classifier generalises to wordings no list holds; the lists catch the unambiguous words
with certainty and point at them. Each family's score is the stronger of the two, raised
further when both agree.
"""

from __future__ import annotations

from masthead.standards.checks import Doc
from masthead.standards.verdict import Evidence, Finding

# rule code -> (classifier head, word-list families). Threats count as insults ("insults and
# threats" is one rule); dehumanising talk about a group counts as hatred, as slurs do.
FAMILIES = {
    "insults": ("insults", ("insults", "threats")),
    "hate": ("hate", ("slurs", "dehumanising")),
    "profanity": ("profanity", ("profanity",)),
    "spam": ("spam", ("spam",)),
}


# The classifier alone, with no listed word to back it, only holds a comment, and only from a
# higher score than the head's operating point. Its training data has no clean news comments
# (the public sets' clean text is Wikipedia talk, tweets and YouTube), so on ordinary news
# debate it reads sharp-but-civil words ("ridiculous", "disaster") as insults more often than
# its held-out figures suggest. A moderator sees these; nobody is rejected on its word alone.
CLASSIFIER_ALONE_FROM = {"insults": 0.9, "hate": 0.8, "profanity": 0.8, "spam": 0.8}
CLASSIFIER_ALONE_CAP = 0.84


def classifier_alone(head: str, score: float) -> float:
    """Map a bare classifier score so that its own threshold lands on 0.5, capped below reject."""
    start = CLASSIFIER_ALONE_FROM[head]
    if score < start:
        return score * 0.5 / start
    return min(CLASSIFIER_ALONE_CAP, 0.5 + (score - start) / (1.0 - start) * 0.5)


def agree(a: float, b: float) -> float:
    """Two independent signals both above a half strengthen each other; else the stronger wins."""
    if a >= 0.5 and b >= 0.5:
        return 1.0 - (1.0 - a) * (1.0 - b)
    return max(a, b)


def check(doc: Doc) -> list[Finding]:
    model = doc.config.model
    if model is not None:
        doc.scores.update(model.score(doc.norm.text))
    findings: list[Finding] = []
    for rule, (head, families) in FAMILIES.items():
        matches = [m for family in families for m in doc.matches(family)]
        model_score = doc.scores.get(head, 0.0)
        list_score = max((m.score for m in matches), default=0.0)
        score = agree(model_score, list_score) if matches else classifier_alone(head, model_score)
        if score <= 0.0:
            continue
        evidence: tuple[Evidence, ...] = tuple(doc.evidence(m.start, m.end) for m in matches)
        if not evidence and model is not None and model_score >= 0.5:
            evidence = tuple(
                doc.evidence(start, end) for start, end in model.cues(doc.norm.text, head)
            )
        detail = f"classifier {model_score:.2f}"
        if matches:
            named = "/".join(f for f in families if doc.matches(f))
            detail += f", word list {named}: " + ", ".join(sorted({m.term for m in matches}))
        findings.append(Finding(rule, score, evidence, detail))
    return findings
