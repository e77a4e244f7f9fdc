"""Text normalisation that undoes the usual disguises, with a map back to the original text.

Commenters dodge word lists with look-alike letters from other scripts, zero-width characters,
leetspeak, letters spaced out with dots or blanks and stretched letters. Every check reads the
folded text, but a moderator must see evidence in what the commenter actually wrote, so each
step carries, for every output character, the index of the original character it came from.

Two stages are kept because some checks need less folding: e-mail addresses, links and card
numbers live in ``plain`` (NFKC, invisible characters removed, look-alikes folded, lower case);
word lists and the classifier read ``text`` (also leetspeak, spaced-out letters and runs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that change nothing a reader sees: zero-width spaces and joiners, the
# word joiner, bidi embeddings, overrides and isolates, the soft hyphen and the BOM.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)

# Look-alikes, written out by hand from the letters that render the same in common fonts.
_TO_LATIN = {
    **dict(zip("АВЕКМНОРСТХУЅІЈԁһаеорсухѕіјԛԝүк", "ABEKMHOPCTXYSIJdhaeopcyxsijqwyk", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοναικρυχ", "ABEZHIKMNOPTYXovaikpux", strict=True)),
}
_TO_CYRILLIC = dict(zip("AaBEeKkMHOoPpCcTXxYy", "АаВЕеКкМНОоРрСсТХхУу", strict=True))
_LATIN_RE = re.compile(r"[A-Za-z]")
_NON_LATIN_LETTER_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
_WORD_RE = re.compile(r"[^\W\d_]+")

_LEET_LATIN = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "i",
}  # fmt: skip
_LEET_CYRILLIC = {"0": "о", "3": "з", "6": "б", "4": "ч", "@": "а", "1": "и"}
# Hyphens and slashes split tokens: "covid-19" and "24/7" hold numbers, not disguised letters.
_LEET_TOKEN_RE = re.compile(r"[^\s!?.,;:\"'()\[\]/-]*[0-9@$!|][^\s/-]*")
# Numbers with a unit or an ordinal ending are ordinary writing, not leetspeak.
_NOT_LEET_RE = re.compile(
    r"[$]?\d+(?:[.,]\d+)?(?:st|nd|rd|th|s|k|m|bn|kg|km|mm|cm|px|am|pm|mph|ft|gb|mb|x|g|ml|h)?"
    r"|[a-z]{1,3}\d+|\d+[a-z]{1,2}\d*",
    re.IGNORECASE,
)
_SPACED_RE = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-_*·~,/]{1,2}){2,}[^\W\d_](?!\w)")
_SEPARATOR_RE = re.compile(r"[ .\-_*·~,/]")
_RUN_RE = re.compile(r"(.)\1{2,}")


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    plain: str
    plain_offsets: list[int]
    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``."""
        return _span(self.offsets, start, end, len(self.original))

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        return _span(self.plain_offsets, start, end, len(self.original))


def _span(offsets: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    if not offsets or start >= len(offsets):
        return (length, length)
    end = max(start + 1, min(end, len(offsets)))
    return (offsets[start], offsets[end - 1] + 1)


def _fold_char(ch: str) -> str:
    """NFKC, with accents taken off Latin letters (``fück`` is still the same word)."""
    decomposed = unicodedata.normalize("NFKD", ch)
    if decomposed[0].isascii() and decomposed[0].isalpha():
        return decomposed[0]
    return unicodedata.normalize("NFKC", ch)


def _first_stage(original: str) -> tuple[str, list[int]]:
    if original.isascii():
        # Nothing to fold in ASCII but the case; keep the fast path free of per-character work.
        return original.lower(), list(range(len(original)))
    chars: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(original):
        if ch.isascii():
            chars.append(ch)
            offsets.append(index)
            continue
        if ch in _INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf"):
            continue
        for out in _fold_char(ch):
            chars.append(out)
            offsets.append(index)
    text = _fold_confusables("".join(chars))
    lowered = text.lower()
    if len(lowered) != len(text):
        # A handful of letters (Turkish dotted I) grow when lowered; redo those one by one.
        chars, new_offsets = [], []
        for ch, off in zip(text, offsets, strict=True):
            for out in ch.lower():
                chars.append(out)
                new_offsets.append(off)
        return "".join(chars), new_offsets
    return lowered, offsets


def _fold_confusables(text: str) -> str:
    """Fold look-alike letters within each word towards the script that word is written in."""
    if not _NON_LATIN_LETTER_RE.search(text) or not _LATIN_RE.search(text):
        latin_document = _NON_LATIN_LETTER_RE.search(text) is None
        if latin_document or not _LATIN_RE.search(text):
            # A single-script text has nothing to fold, except a whole Latin-looking word
            # typed in Cyrillic among Latin words, which needs Latin around it to be judged.
            return text
    latin_total = len(_LATIN_RE.findall(text))
    other_total = len(_NON_LATIN_LETTER_RE.findall(text))
    pieces: list[str] = []
    last = 0
    for match in _WORD_RE.finditer(text):
        word = match.group()
        latin = sum(1 for c in word if c.isascii())
        other = len(word) - latin
        folded = word
        if latin and other:
            if latin >= other:
                folded = "".join(_TO_LATIN.get(c, c) for c in word)
            else:
                folded = "".join(_TO_CYRILLIC.get(c, c) for c in word)
        elif other and latin_total > 2 * other_total and all(c in _TO_LATIN for c in word):
            folded = "".join(_TO_LATIN[c] for c in word)
        if folded is not word:
            pieces.append(text[last : match.start()])
            pieces.append(folded)
            last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _fold_leet(text: str) -> str:
    if not any(c in text for c in "0123456789@$!|"):
        return text
    pieces: list[str] = []
    last = 0
    for match in _LEET_TOKEN_RE.finditer(text):
        token = match.group().rstrip("!?.,;:\"')]")
        if not token or _NOT_LEET_RE.fullmatch(token):
            continue
        letters = sum(1 for c in token if c.isalpha())
        if letters == 0:
            continue
        cyrillic = _NON_LATIN_LETTER_RE.search(token) is not None
        table = _LEET_CYRILLIC if cyrillic else _LEET_LATIN
        leet = sum(1 for c in token if c in table)
        if leet == 0 or leet > letters + 1 or "://" in token or "." in token.strip("."):
            continue
        folded = "".join(table.get(c, c) for c in token)
        pieces.append(text[last : match.start()])
        pieces.append(folded)
        last = match.start() + len(token)
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _rebuild(
    text: str, offsets: list[int], pattern: re.Pattern[str], keep: type[_Keep]
) -> tuple[str, list[int]]:
    """Apply a shortening rewrite, keeping for every kept character its original offset."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text, offsets
    chars: list[str] = []
    new_offsets: list[int] = []
    last = 0
    for match in matches:
        chars.append(text[last : match.start()])
        new_offsets.extend(offsets[last : match.start()])
        for index in keep.indices(match):
            chars.append(text[index])
            new_offsets.append(offsets[index])
        last = match.end()
    chars.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(chars), new_offsets


class _Keep:
    @staticmethod
    def indices(match: re.Match[str]) -> list[int]:
        raise NotImplementedError


class _KeepLetters(_Keep):
    @staticmethod
    def indices(match: re.Match[str]) -> list[int]:
        start = match.start()
        return [start + i for i, c in enumerate(match.group()) if not _SEPARATOR_RE.match(c)]


class _KeepTwo(_Keep):
    @staticmethod
    def indices(match: re.Match[str]) -> list[int]:
        return [match.start(), match.start() + 1]


def normalise(original: str) -> Normalised:
    plain, plain_offsets = _first_stage(original)
    text = _fold_leet(plain)
    offsets = plain_offsets
    text, offsets = _rebuild(text, offsets, _SPACED_RE, _KeepLetters)
    text, offsets = _rebuild(text, offsets, _RUN_RE, _KeepTwo)
    return Normalised(original, plain, plain_offsets, text, offsets)
