"""Links: found even when disguised, judged against the allow-list and the malware blocklist.

Besides ordinary addresses this finds the "defanged" forms people use to slip links past
filters: ``hxxp://``, ``example[.]com``, ``example(.)com`` and ``example dot com``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from masthead.standards.blocklist import normalise_host
from masthead.standards.checks import Doc
from masthead.standards.verdict import Evidence, Finding

# Endings that are also everyday words ("it", "in", "to", "me", "us") are left out of bare
# addresses: "near the Nile.It was" is a missing space, not a link. With a scheme, any counts.
_TLDS = (
    "com|net|org|info|biz|io|tv|cc|ru|su|uk|de|fr|es|nl|pl|ua|by|kz|cn|jp|br|au|ca|"
    "eu|ch|se|fi|dk|cz|tr|xyz|top|online|site|club|shop|store|app|dev|ly|gg|ws|"
    "link|click|win|bid|loan|vip|icu|buzz|рф"
)
_DOT = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\s(?:dot|\[dot\]|\(dot\))\s)"
_LABEL = r"[a-z0-9а-яё](?:[a-z0-9а-яё-]{0,61}[a-z0-9а-яё])?"
_URL_RE = re.compile(
    r"(?:h(?:tt|xx|\*\*)ps?|ftp)(?:://|\[://\]|\[:\]//|:\\\\)"
    rf"(?P<host>{_LABEL}(?:{_DOT}{_LABEL})*)(?::\d+)?(?P<rest>[^\s<>\"']*)"
)
_BARE_RE = re.compile(
    rf"(?<![\w@.\-/])(?P<host>(?:www{_DOT})?{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}(?:{_TLDS}))"
    r"(?![\w-])(?P<rest>/[^\s<>\"']*)?"
)
# A bracketed dot is a link being smuggled past a filter, whatever its top-level domain.
_DEFANGED_RE = re.compile(
    rf"(?<![\w@.\-/])(?P<host>{_LABEL}(?:{_DOT}{_LABEL})*(?:\[\.\]|\(\.\)|\{{\.\}}|\[dot\]|\(dot\))"
    r"[a-z]{2,24})(?![\w-])(?P<rest>/[^\s<>\"']*)?"
)
# Cheap test for "could there be a link at all": a scheme, or a dot before a known ending.
_HINT_RE = re.compile(
    r"h(?:tt|xx|\*\*)ps?|ftp|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)"
    rf"|(?:{_DOT})(?:{_TLDS})(?![\w-])"
)
_DEFANG_RE = re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\s(?:dot|\[dot\]|\(dot\))\s")


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    host: str
    start: int
    end: int
    defanged: bool


def extract(text: str) -> list[Link]:
    """Links in a lower-cased text, in order; offsets are into ``text``."""
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_URL_RE, _DEFANGED_RE, _BARE_RE):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in taken):
                continue
            raw_host = match.group("host")
            host = normalise_host(_DEFANG_RE.sub(".", raw_host))
            if "." not in host:
                continue
            rest = (match.group("rest") or "").rstrip(".,;:!?)")
            end = match.start("rest") + len(rest) if match.group("rest") else match.end("host")
            defanged = bool(_DEFANG_RE.search(raw_host)) or "xx" in text[start : start + 4]
            links.append(Link(f"http://{host}{rest}", host, start, end, defanged))
            taken.append((start, end))
    links.sort(key=lambda link: link.start)
    return links


# Reference sources readers cite in ordinary debate; a publisher adds more in settings.
DEFAULT_ALLOWED = frozenset(
    {
        "wikipedia.org", "wikimedia.org", "wiktionary.org", "wikisource.org", "archive.org",
        "un.org", "who.int", "europa.eu", "doi.org", "arxiv.org", "nih.gov", "reuters.com",
        "apnews.com", "bbc.co.uk", "bbc.com", "gov.uk", "nature.com", "sciencedirect.com",
    }
)  # fmt: skip
_PUBLIC_SUFFIXES = (".gov", ".edu", ".mil", ".int", ".gov.uk", ".gov.ru", ".ac.uk")


def allowed(host: str, allowed_hosts: frozenset[str]) -> bool:
    if host.endswith(_PUBLIC_SUFFIXES):
        return True
    labels = host.split(".")
    return any(
        ".".join(labels[i:]) in allowed_hosts or ".".join(labels[i:]) in DEFAULT_ALLOWED
        for i in range(len(labels) - 1)
    )


def check(doc: Doc) -> list[Finding]:
    text = doc.norm.plain
    if not _HINT_RE.search(text):
        return []
    findings: list[Finding] = []
    blocklist = doc.config.blocklist
    for link in extract(text):
        a, b = doc.norm.plain_span(link.start, link.end)
        evidence = (Evidence(a, b, doc.norm.original[a:b], link=link.url),)
        if blocklist is not None and blocklist.blocks(link.url, link.host):
            findings.append(Finding("malware", 0.99, evidence, f"{link.host} is on the blocklist"))
            continue
        if allowed(link.host, doc.config.allowed_hosts):
            continue
        # A disguised link is someone working around a filter: that alone says advertising.
        score = 0.8 if link.defanged else 0.6
        score = 1.0 - (1.0 - score) * (1.0 - doc.scores.get("spam", 0.0))
        findings.append(Finding("commercial", score, evidence, f"link to {link.host}"))
    return findings
