"""Other people's personal data: e-mail addresses, phone numbers, card numbers, IBANs, addresses.

Numbers are confirmed by their own checksums (Luhn for cards, ISO 7064 for IBANs) and phone
numbers by ``phonenumbers``' numbering plans, so a year range or an order number is not
mistaken for one. A card or bank number is near-certain; an e-mail or phone number may be the
author's own or a public office's, so it scores to be held for a moderator.
"""

from __future__ import annotations

import re

import phonenumbers

from masthead.standards.checks import Doc
from masthead.standards.checks.links import allowed
from masthead.standards.verdict import Evidence, Finding

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}\s?(?:@|\[at\]|\(at\)|\s(?:at|\[at\]|\(at\))\s)\s?"
    r"(?P<host>[\w-]{1,63}(?:(?:\.|\[\.\]|\s(?:dot|\[dot\])\s)[\w-]{1,63})*"
    r"(?:\.|\[\.\]|\s(?:dot|\[dot\])\s)[a-z]{2,24})(?![\w-])"
)
_PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-]{6,18}\d(?!\w)")
# A count written with thousands separators ("2.126.521.750 views", "1,250,000") is not a phone.
_GROUPED_COUNT_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_CARD_RE = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?"
    r"(?![A-Za-z0-9])"
)
_ADDRESS_RE = re.compile(
    r"(?<!\w)\d{1,5}[a-z]?\s+(?:[A-Z][a-z]+\.?\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|"
    r"Terrace|Way|Close|Crescent|Square|Sq)\b\.?(?:,?\s+(?:Apt|Apartment|Flat|Unit)\.?\s*\w+)?"
)
_ADDRESS_RU_RE = re.compile(
    r"(?:ул\.|улица|пр-т|проспект|пер\.|переулок|бульвар|б-р|шоссе)\s*[А-ЯЁа-яё][\w\- ]{2,30}?,?\s*"
    r"(?:д\.|дом)\s*\d+\w?(?:,?\s*(?:кв\.|квартира)\s*\d+)?",
    re.IGNORECASE,
)
_REGION = {"en": "US", "ru": "RU"}
_HINT_RE = re.compile(r"\d|@|\bat\b|\[at\]|\(at\)")


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def iban_valid(candidate: str) -> bool:
    iban = candidate.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def check(doc: Doc) -> list[Finding]:
    original = doc.norm.original
    plain = doc.norm.plain
    if not _HINT_RE.search(plain):
        return []
    hits: list[tuple[float, Evidence, str]] = []
    taken: list[tuple[int, int]] = []

    def add(score: float, start: int, end: int, what: str, *, plain_span: bool = True) -> None:
        a, b = doc.norm.plain_span(start, end) if plain_span else (start, end)
        if any(x < b and a < y for x, y in taken):
            return
        taken.append((a, b))
        hits.append((score, Evidence(a, b, original[a:b]), what))

    for match in _IBAN_RE.finditer(original):
        if iban_valid(match.group()):
            add(0.95, match.start(), match.end(), "bank account number (IBAN)", plain_span=False)
    for match in _CARD_RE.finditer(plain):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn(digits):
            add(0.95, *match.span(), "payment card number")
    for match in _EMAIL_RE.finditer(plain):
        host = re.sub(r"\[\.\]|\s(?:dot|\[dot\])\s", ".", match.group("host"))
        if allowed(host, doc.config.allowed_hosts):
            continue
        add(0.8, *match.span(), "e-mail address")
    region = _REGION.get(doc.ctx.site_language, "US")
    for match in _PHONE_RE.finditer(plain):
        digits = re.sub(r"\D", "", match.group())
        if not 7 <= len(digits) <= 15 or _GROUPED_COUNT_RE.fullmatch(match.group()):
            continue
        try:
            number = phonenumbers.parse(match.group(), region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            add(0.8, *match.span(), "phone number")
    for pattern in (_ADDRESS_RE, _ADDRESS_RU_RE):
        for match in pattern.finditer(original):
            add(0.7, match.start(), match.end(), "postal address", plain_span=False)
    if not hits:
        return []
    return [
        Finding(
            "personal_data",
            max(score for score, _e, _w in hits),
            tuple(evidence for _s, evidence, _w in hits),
            ", ".join(sorted({what for _s, _e, what in hits})),
        )
    ]
