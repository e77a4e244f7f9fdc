"""Off topic: how much of what the comment talks about appears in the article at all.

A bag of content-word stems (a crude six-letter prefix: "vaccine" and "vaccination" meet)
from the headline and text; the score is high when few of the comment's stems are found
there. Short comments and replies are never judged: "Well said" and an answer to another
reader are on topic by nature. The catalogue's rule only ever holds, never rejects.
"""

from __future__ import annotations

import re
from functools import lru_cache

from masthead.standards.checks import Doc
from masthead.standards.checks.language import _STOPWORDS
from masthead.standards.verdict import Evidence, Finding

MIN_CONTENT_WORDS = 12
# At this share of the comment's stems found in the article, it is plainly on topic.
ON_TOPIC_SHARE = 0.2
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_EXTRA_STOPWORDS = frozenset(
    [
        "about",
        "also",
        "just",
        "like",
        "think",
        "people",
        "know",
        "really",
        "would",
        "there",
        "their",
        "them",
        "then",
        "very",
        "much",
        "more",
        "most",
        "some",
        "many",
        "only",
        "other",
        "over",
        "such",
        "into",
        "even",
        "because",
        "being",
        "after",
        "before",
        "where",
        "while",
        "said",
        "says",
        "make",
        "made",
        "good",
        "well",
        "time",
        "year",
        "years",
        "here",
        "what",
        "when",
        "your",
        "just",
        "yes",
    ]
)
_STOP = _STOPWORDS["en"] | _STOPWORDS["ru"] | _EXTRA_STOPWORDS


def stems(text: str) -> list[str]:
    return [w[:6] for w in _WORD_RE.findall(text.lower()) if w not in _STOP]


@lru_cache(maxsize=256)
def article_stems(title: str, text: str) -> frozenset[str]:
    return frozenset(stems(f"{title} {text}"))


def check(doc: Doc) -> list[Finding]:
    ctx = doc.ctx
    if ctx.is_reply or not (ctx.article_title or ctx.article_text):
        return []
    comment = stems(doc.norm.text)
    if len(comment) < MIN_CONTENT_WORDS:
        return []
    article = article_stems(ctx.article_title, ctx.article_text)
    # Headline-only context is thin; demand less overlap so a good comment is not held.
    needed = ON_TOPIC_SHARE if len(article) > 40 else ON_TOPIC_SHARE / 2
    share = sum(stem in article for stem in comment) / len(comment)
    score = max(0.0, 1.0 - share / needed) * 0.95
    if score <= 0.0:
        return []
    original = doc.norm.original
    return [
        Finding(
            "off_topic",
            score,
            (Evidence(0, len(original), original[:80]),),
            f"{share:.0%} of the comment's content words appear in the article",
        )
    ]
