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
from typing import Any

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


# --- Scanning every list in one pass -----------------------------------------------------------
#
# A regular expression made of a hundred alternatives is tried at every character of the text,
# and each try walks every alternative: on a 2,000-character comment the twelve lists cost
# milliseconds. The scanner instead tries patterns only where a word starts, and only those
# whose first letter is the letter found there, so a clean comment costs a dictionary lookup
# per word.

_ANY = None


def _first_chars(term: str) -> set[str] | None:
    """The letters a match of ``term`` can start with; ``None`` if it could start with any."""
    from re import _constants as c
    from re import _parser

    def of_sequence(items: list[tuple[object, Any]]) -> tuple[set[str] | None, bool]:
        found: set[str] = set()
        for op, av in items:
            chars, nullable = of_item(op, av)
            if chars is None:
                return None, False
            found |= chars
            if not nullable:
                return found, False
        return found, True

    def of_item(op: object, av: Any) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 200:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:
                    return None, False
            return chars, False
        if op is c.SUBPATTERN:
            return of_sequence(list(av[3]))
        if op is c.BRANCH:
            union: set[str] = set()
            nullable = False
            for branch in av[1]:
                chars_, empty = of_sequence(list(branch))
                if chars_ is None:
                    return None, False
                union |= chars_
                nullable = nullable or empty
            return union, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, item = av
            chars_, empty = of_sequence(list(item))
            return chars_, low == 0 or empty
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True
        return None, False

    chars, nullable = of_sequence(list(_parser.parse(term)))
    return None if nullable else chars


_WORD_START_RE = re.compile(r"(?<![^\W_])[^\W_]")


class Scanner:
    def __init__(self, families: list[str]) -> None:
        self.families = families
        by_char: dict[str, list[tuple[str, list[int]]]] = {}
        anywhere: list[tuple[str, list[int]]] = []
        self._terms: dict[str, Lexicon] = {}
        for family in families:
            lexicon = load(family)
            self._terms[family] = lexicon
            grouped: dict[str | None, list[int]] = {}
            for index, term in enumerate(lexicon.terms):
                chars = _first_chars(term)
                for ch in chars if chars is not None else [_ANY]:
                    grouped.setdefault(ch, []).append(index)
            for ch, indices in grouped.items():
                (anywhere if ch is None else by_char.setdefault(ch, [])).append((family, indices))
        self._anywhere = [self._compile(f, i) for f, i in anywhere]
        self._patterns: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        # One pattern per first letter over every list answers "does anything start here?"
        # in a single call; only where it does are the lists tried one by one.
        self._any_list: dict[str, re.Pattern[str]] = {}
        for ch, entries in by_char.items():
            per_family = [self._compile(f, i) for f, i in entries] + self._anywhere
            self._patterns[ch] = per_family
            union = "|".join(f"(?:{p.pattern})" for _f, p in per_family)
            self._any_list[ch] = re.compile(re.sub(r"\(\?P<g\d+>", "(?:", union))

    def _compile(self, family: str, indices: list[int]) -> tuple[str, re.Pattern[str]]:
        terms = self._terms[family].terms
        alternatives = "|".join(f"(?P<g{i}>{terms[i]})" for i in indices)
        return family, re.compile(rf"(?:{alternatives})(?![^\W_])")

    def scan(self, text: str) -> dict[str, list[Match]]:
        found: dict[str, list[Match]] = {}
        busy_until: dict[str, int] = {}
        patterns = self._patterns
        anywhere = self._anywhere
        for start in _WORD_START_RE.finditer(text):
            position = start.start()
            first = text[position]
            gate = self._any_list.get(first)
            if gate is not None and gate.match(text, position) is None:
                continue
            candidates = patterns.get(first, anywhere)
            for family, pattern in candidates:
                if busy_until.get(family, -1) > position:
                    continue
                match = pattern.match(text, position)
                if match is None:
                    continue
                index = int(match.lastgroup[1:]) if match.lastgroup else 0
                score = self._terms[family].scores[index]
                found.setdefault(family, []).append(
                    Match(match.start(), match.end(), match.group(), score)
                )
                busy_until[family] = match.end()
        return found


@cache
def scanner() -> Scanner:
    return Scanner(sorted({path.name.split(".")[0] for path in LEXICON_DIR.glob("*.txt")}))
