"""Curated, versioned word lists, compiled once into one pattern per family.

A list lives in ``data/lexicons/<family>.<lang>.txt``. Its header carries ``# version:`` and
``# score:`` (the score a match gets); each other line is a regular expression over the
normalised text (lower case, look-alikes, leetspeak and spacing already folded), optionally
followed by a tab and its own score. Matches must stand as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicons"


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    term: str
    score: float


@dataclass(frozen=True, slots=True)
class Lexicon:
    family: str
    version: str
    pattern: re.Pattern[str] | None
    terms: tuple[str, ...]
    scores: tuple[float, ...]

    def find(self, text: str) -> list[Match]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            index = int(match.lastgroup[1:]) if match.lastgroup else 0
            found.append(Match(match.start(), match.end(), match.group(), self.scores[index]))
        return found


def parse(family: str, lines: list[str]) -> Lexicon:
    version = "0"
    default_score = 0.9
    terms: list[str] = []
    scores: list[float] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() == "version":
                version = value.strip()
            elif key.strip() == "score":
                default_score = float(value)
            continue
        if not line.strip():
            continue
        term, _, score = line.partition("\t")
        re.compile(term)  # fail loudly on a typo in a list, at load time
        terms.append(term.strip())
        scores.append(float(score) if score.strip() else default_score)
    if not terms:
        return Lexicon(family, version, None, (), ())
    alternatives = "|".join(f"(?P<g{i}>{term})" for i, term in enumerate(terms))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    return Lexicon(family, version, pattern, tuple(terms), tuple(scores))


@cache
def load(family: str) -> Lexicon:
    """All languages of one family merged: a Russian slur on an English site is still a slur."""
    lines: list[str] = []
    versions: list[str] = []
    for path in sorted(LEXICON_DIR.glob(f"{family}.*.txt")):
        content = path.read_text(encoding="utf-8").splitlines()
        lexicon = parse(family, content)
        versions.append(f"{path.stem.split('.')[-1]}:{lexicon.version}")
        for term, score in zip(lexicon.terms, lexicon.scores, strict=True):
            lines.append(f"{term}\t{score}")
    merged = parse(family, lines)
    return Lexicon(family, ",".join(versions), merged.pattern, merged.terms, merged.scores)


def versions() -> dict[str, str]:
    families = sorted({path.name.split(".")[0] for path in LEXICON_DIR.glob("*.txt")})
    return {family: load(family).version for family in families}
