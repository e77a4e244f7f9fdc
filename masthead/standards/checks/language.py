"""The language of the comment against the site's language.

py3langid ships its own model (loaded once, about half a second) and classifies a comment in
tens of microseconds. It is only asked about text long enough to judge; a short reply, a name
or a quoted phrase passes. A site-language stop-word count guards against the detector's
known slip on short, plain English (it sometimes answers Latin or Frisian).
"""

from __future__ import annotations

import re
import threading
from typing import Any

from masthead.standards.checks import Doc
from masthead.standards.verdict import Evidence, Finding

MIN_LETTERS = 30
MIN_WORDS = 5
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|\d+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_STOPWORDS = {
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "and",
            "or",
            "but",
            "of",
            "to",
            "in",
            "on",
            "at",
            "for",
            "with",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "it",
            "this",
            "that",
            "these",
            "those",
            "i",
            "you",
            "he",
            "she",
            "we",
            "they",
            "not",
            "no",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "will",
            "would",
            "can",
            "could",
            "should",
            "my",
            "your",
            "his",
            "her",
            "our",
            "their",
            "what",
            "which",
            "who",
            "as",
            "by",
            "from",
            "so",
            "if",
            "than",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "во",
            "не",
            "что",
            "он",
            "на",
            "я",
            "с",
            "со",
            "как",
            "а",
            "то",
            "все",
            "она",
            "так",
            "его",
            "но",
            "да",
            "ты",
            "к",
            "у",
            "же",
            "вы",
            "за",
            "бы",
            "по",
            "только",
            "ее",
            "мне",
            "было",
            "вот",
            "от",
            "меня",
            "еще",
            "нет",
            "о",
            "из",
            "ему",
            "теперь",
            "когда",
            "даже",
            "ну",
            "ли",
            "если",
            "уже",
            "или",
            "быть",
            "был",
            "него",
            "до",
            "вас",
            "их",
            "это",
            "этот",
            "мы",
            "они",
        ]
    ),
}

_lock = threading.Lock()
_identifier: Any = None


def identifier() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect(text: str) -> tuple[str, float] | None:
    """``(language, probability)``, or ``None`` when the text is too short to judge."""
    # A few sentences settle the language; the rest of a long comment only costs time.
    cleaned = _NOISE_RE.sub(" ", text[:300])
    words = _WORD_RE.findall(cleaned)
    if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS:
        return None
    language, probability = identifier().classify(cleaned)
    return str(language), float(probability)


def check(doc: Doc) -> list[Finding]:
    site = doc.ctx.site_language
    words = _WORD_RE.findall(doc.norm.plain[:300])
    stopwords = _STOPWORDS.get(site, frozenset())
    # Plainly written in the site's language: no need to ask the detector (most comments).
    if words and sum(w in stopwords for w in words) / len(words) >= 0.12:
        return []
    detected = detect(doc.norm.plain)
    if detected is None:
        return []
    language, probability = detected
    if language == site:
        return []
    original = doc.norm.original
    return [
        Finding(
            "language",
            probability,
            (Evidence(0, len(original), original[:80]),),
            f"written in {language} ({probability:.2f}), the site is in {site}",
        )
    ]
