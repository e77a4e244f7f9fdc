"""The features the classifier sees, shared by training and inference so they never drift.

Word unigrams and bigrams carry meaning; character 3- to 5-grams inside word boundaries
carry the spelling, so a word the model never saw whole (a new insult compound, an inflected
Russian form, a misspelling that survived normalisation) still shares most of its pieces with
words it did see.
"""

from __future__ import annotations

import re
from itertools import pairwise

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[!?*#@$%]+")
CHAR_SIZES = (3, 4, 5)
# Long comments are judged on their beginning: it keeps the per-comment cost bounded, and an
# abusive comment rarely hides its abuse after the first four hundred words.
MAX_TOKENS = 400


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)[:MAX_TOKENS]


def char_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for size in CHAR_SIZES:
        if length < size:
            break
        grams.extend(padded[i : i + size] for i in range(length - size + 1))
    return grams


def analyse(text: str) -> list[str]:
    """Features of an already normalised text (see :mod:`masthead.standards.normalise`)."""
    words = tokens(text)
    out = [f"w:{w}" for w in words]
    out.extend(f"b:{a} {b}" for a, b in pairwise(words))
    for word in set(words):
        out.extend(char_ngrams(word))
    return out
