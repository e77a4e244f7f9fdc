"""Curated, versioned word lists, compiled once into one pattern per family.

A list lives in ``data/lexicons/<family>.<lang>.txt``. Its header carries ``# version:`` and
``# score:`` (the score a match gets); each other line is a regular expression over the
normalised text (lower case, look-alikes, leetspeak and spacing already folded), optionally
followed by a tab and its own score. Matches must stand as whole words.

A header line ``# define NAME: regex`` names a part that later lines of the same file use as
``{NAME}`` (upper-case letters and underscores; a definition may use earlier ones). Phrase
lists are built from a few such parts, who is aimed at and what is said of them, so that one
line covers the many ways of saying the same thing instead of a line per wording.
"""

from __future__ import annotations

import importlib
import re
import threading
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


_PART_RE = re.compile(r"\{([A-Z][A-Z_]*)\}")


def _expand(text: str, parts: dict[str, str]) -> str:
    def part(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in parts:
            raise ValueError(f"word list uses {{{name}}} before defining it")
        return f"(?:{parts[name]})"

    return _PART_RE.sub(part, text)


def parse(family: str, lines: list[str]) -> Lexicon:
    version = "0"
    default_score = 0.9
    terms: list[str] = []
    scores: list[float] = []
    parts: dict[str, str] = {}
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() == "version":
                version = value.strip()
            elif key.strip() == "score":
                default_score = float(value)
            elif key.strip().startswith("define "):
                name = key.strip().removeprefix("define ").strip()
                parts[name] = _expand(value.strip(), parts)
                re.compile(parts[name])
            continue
        if not line.strip():
            continue
        term, _, score = line.partition("\t")
        term = _expand(term, parts)
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
# and each try walks every alternative: on a 2,000-character comment the lists cost
# milliseconds. The scanner instead tries patterns only where a word starts, and only those
# that can start with that word: most lines begin with a fixed set of words ("you", "i'll",
# "migrants", ...), read off the pattern itself, and are looked up by the word found there.
# The rest (a line that starts with "f+u+c*k+", say) are tried where a word starts with one of
# the letters they can start with. A clean comment costs a dictionary lookup per word.

_WORD_CHARS = "'’"


class _Open(Exception):
    """The pattern's first word is not a fixed set of strings (or too many of them)."""


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_CHARS


def _sre_modules() -> tuple[Any, Any]:
    # The regular-expression parser the re module itself uses (not in typeshed's stubs).
    return importlib.import_module("re._constants"), importlib.import_module("re._parser")


def _first_words(term: str, limit: int = 4000) -> frozenset[str] | None:
    """Every word a match of ``term`` can start with, or ``None`` when that is not a fixed set.

    Walks the parsed pattern from its start, carrying the prefixes read so far and whether the
    first word has ended (at a space or other non-word character, or at the pattern's end:
    the scanner requires a match to end at a word boundary). Lookarounds are skipped, which
    can only add candidates; the full pattern still decides.
    """
    c, _parser = _sre_modules()

    Prefixes = list[tuple[str, bool]]

    def step(items: list[tuple[object, Any]], prefixes: Prefixes) -> Prefixes:
        for op, av in items:
            open_: Prefixes = [(p, e) for p, e in prefixes if not e]
            if not open_:
                break
            done: Prefixes = [(p, e) for p, e in prefixes if e]
            prefixes = done + item(op, av, open_)
            if len(prefixes) > limit:
                raise _Open
        return prefixes

    def item(op: object, av: Any, prefixes: Prefixes) -> Prefixes:
        if op is c.LITERAL:
            ch = chr(av)
            return [(p + ch, False) if _is_word_char(ch) else (p, True) for p, _e in prefixes]
        if op is c.IN:
            chars = []
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.append(chr(value))
                elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                    chars.append(" ")
                else:
                    raise _Open
            out: Prefixes = []
            for ch in dict.fromkeys(chars):
                out += item(c.LITERAL, ord(ch), prefixes)
            return out
        if op is c.SUBPATTERN:
            return step(list(av[3]), prefixes)
        if op is c.BRANCH:
            found: Prefixes = []
            for branch in av[1]:
                found += step(list(branch), prefixes)
            return found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, inner = av
            once = step(list(inner), prefixes)
            if all(e for _p, e in once) or high <= 1:
                # A run of separators ends the word however long it is; "s?" is one or none.
                return (prefixes if low == 0 else []) + once
            raise _Open
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return prefixes
        if op is c.CATEGORY and av is c.CATEGORY_SPACE:
            return [(p, True) for p, _e in prefixes]
        raise _Open

    try:
        ends = step(list(_parser.parse(term)), [("", False)])
    except _Open:
        return None
    words = frozenset(p for p, _e in ends)
    if not words or "" in words:
        return None
    return words


def _first_chars(term: str) -> set[str] | None:
    """The letters a match of ``term`` can start with; ``None`` if it could start with any."""
    c, _parser = _sre_modules()

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


# A word as the scanner reads it: letters and digits, with apostrophes inside ("you're").
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHE_RE = re.compile("['’]")

# One line of one list: (family, its position in the family's list, the compiled line, score).
_Line = tuple[str, int, re.Pattern[str], float]


class Scanner:
    def __init__(self, families: list[str]) -> None:
        self.families = families
        self._by_word: dict[str, list[_Line]] = {}
        self._by_char: dict[str, list[_Line]] = {}
        self._anywhere: list[_Line] = []
        for family in families:
            lexicon = load(family)
            for index, (term, score) in enumerate(zip(lexicon.terms, lexicon.scores, strict=True)):
                line = (family, index, re.compile(rf"(?:{term})(?![^\W_])"), score)
                words = _first_words(term)
                if words is not None:
                    for word in words:
                        self._by_word.setdefault(word, []).append(line)
                    continue
                chars = _first_chars(term)
                if chars is None:
                    self._anywhere.append(line)
                    continue
                for ch in chars:
                    self._by_char.setdefault(ch, []).append(line)
        # What a word can start, family by family, each family's lines in its own order: the
        # first line that matches at a place wins, as it would in one alternation of them.
        self._cache: dict[str, list[tuple[str, list[_Line]]]] = {}

    def _lines_for(self, word: str) -> list[tuple[str, list[_Line]]]:
        found = self._cache.get(word)
        if found is None:
            # "idiot's" is looked up as itself and as "idiot": a line may end where an
            # apostrophe starts, as "idiot" does in "that idiot's head".
            stem = _APOSTROPHE_RE.split(word, maxsplit=1)[0]
            candidates = self._by_word.get(word, []) + self._by_char.get(word[0], [])
            if stem != word:
                candidates += self._by_word.get(stem, [])
            by_family: dict[str, list[_Line]] = {}
            for line in sorted(
                {id(line): line for line in candidates + self._anywhere}.values(),
                key=lambda line: (line[0], line[1]),
            ):
                by_family.setdefault(line[0], []).append(line)
            found = list(by_family.items())
            if len(self._cache) < 50_000:
                self._cache[word] = found
        return found

    def scan(self, text: str) -> dict[str, list[Match]]:
        found: dict[str, list[Match]] = {}
        busy_until: dict[str, int] = {}
        for word in _WORD_RE.finditer(text):
            families = self._lines_for(word.group())
            if not families:
                continue
            position = word.start()
            for family, lines in families:
                # A family's matches do not overlap: inside one, look no further.
                if family in busy_until and busy_until[family] > position:
                    continue
                for _family, _index, pattern, score in lines:
                    match = pattern.match(text, position)
                    if match is not None:
                        found.setdefault(family, []).append(
                            Match(match.start(), match.end(), match.group(), score)
                        )
                        busy_until[family] = match.end()
                        break
        return found


_scanner: Scanner | None = None
_scanner_lock = threading.Lock()


def scanner() -> Scanner:
    """The one scanner of the process, built on first use.

    Built under a lock: compiling every list takes a second or more, and the threads of a cold
    process reviewing at once would each build their own (40 commenters on a fresh SQLite site
    spent 75 of 78 seconds doing so).
    """
    global _scanner
    if _scanner is None:
        with _scanner_lock:
            if _scanner is None:
                _scanner = Scanner(
                    sorted({path.name.split(".")[0] for path in LEXICON_DIR.glob("*.txt")})
                )
    return _scanner
